import { modelDelegate, type Client } from '../db/delegate';
import type { Action, ActionPolicyContext, Domain, PolicyWhere, Resource, Via } from '../resource';
import type { Authorization, FieldDecision } from './authorization';
import { actionError, notFound, type ActionError } from './errors';
import type { RecordState } from './record';

/** What the policy of one action is checked on (see ActionPolicyContext, which the policy receives). */
export interface PolicyCheck extends Pick<ActionPolicyContext, 'input' | 'via' | 'changing'> {
  readonly resource: Resource;
  readonly action: Action;
  /** The record acted on (for a create, the id it will get). */
  readonly recordId: string;
  /** The record as it is now; null for a create and for a record that does not exist. */
  readonly current: RecordState | null;
  /** Whether the action runs at the root of the request (its denial is then at ["id"] or ["input"]). */
  readonly root: boolean;
}

/**
 * The policy checks of one action, inside its transaction and before any of
 * its work. First, for an action on an existing record: a record the actor
 * may not read, or that does not exist, is NOT_FOUND at ["id"]. The
 * readability count runs in both cases, so a hidden record and a missing one
 * cost the same statements and get the same answer (a denial never confirms
 * that a record exists). Then the action's policy and the `changes` policies
 * of the fields it is changing: a boolean false is FORBIDDEN (at ["id"] /
 * ["input"] for the action, at the field for a change), conditions are ANDed
 * and checked in one count on the record's row. Costs at most two small
 * SELECTs when allowed (more only to tell which condition refused), only for
 * resources with policies.
 */
export async function authorizeAction(tx: Client, authorization: Authorization, check: PolicyCheck): Promise<ActionError[]> {
  const { resource, action, current, recordId } = check;
  if (!authorization.enforced) return [];
  // An onDestroy step's record was found by the framework, not named by the client: no readability check (as for framework keys).
  if (action.type !== 'create' && !check.via?.cascade) {
    const readable = await rowMatches(tx, resource, recordId, authorization.readWhere(resource));
    if (!readable || current === null) return [notFound(resource.name, recordId, ['id'])];
  }
  const context = { action: action.name, input: check.input, record: current, via: check.via, changing: check.changing };
  const decision = authorization.decide(resource, context);
  if (decision === false) return [forbidden(authorization, check)];
  const fields = authorization.decideChanges(resource, context);
  const conditions = [decision, ...fields.map((f) => f.decision)].filter((d): d is PolicyWhere => typeof d !== 'boolean');
  if (fields.every((f) => f.decision !== false)) {
    if (conditions.length === 0) return [];
    if (await rowMatches(tx, resource, recordId, conditions.length === 1 ? conditions[0]! : { AND: conditions })) return [];
  }
  // Refused: tell which policy refused (the action's first: it decides whether the record may change at all).
  if (decision !== true && !(await rowMatches(tx, resource, recordId, decision))) return [forbidden(authorization, check)];
  const refused: FieldDecision[] = [];
  for (const field of fields) {
    if (field.decision === false || (field.decision !== true && !(await rowMatches(tx, resource, recordId, field.decision)))) refused.push(field);
  }
  return refused.map((f) => forbiddenChange(authorization, check, f.field));
}

/**
 * Whether a create may skip the transaction (see single-statement-create.ts)
 * as far as the policies go: its policy and the `changes` policies of its
 * fields allow it outright, and no key the client gives points at a resource
 * with a read filter (those keys need a readability check that the
 * one-statement write does not make).
 */
export function canCreateWithoutReads(
  authorization: Authorization, resource: Resource, action: Action, input: Readonly<Record<string, unknown>>, changing: ReadonlySet<string>, domain: Domain,
): boolean {
  if (!authorization.enforced) return true;
  const context = { action: action.name, input, record: null, via: null, changing };
  if (authorization.decide(resource, context) !== true) return false;
  if (authorization.decideChanges(resource, context).some((f) => f.decision !== true)) return false;
  return resource.relationships.every(
    (rel) => rel.kind !== 'belongsTo' || input[rel.sourceAttribute] == null || authorization.readWhere(domain.resource(rel.destination)) === null,
  );
}

async function rowMatches(tx: Client, resource: Resource, id: string, where: PolicyWhere | null): Promise<boolean> {
  if (where === null) return true;
  return (await modelDelegate(tx, resource.model).count({ where: { AND: [{ id }, where] } })) > 0;
}

const who = (authorization: Authorization) => (authorization.actor === null ? 'An anonymous request' : `Actor "${authorization.actor}"`);
const target = (check: PolicyCheck) => (check.current ? ` on ${check.resource.name} "${check.current.id}"` : '');

function forbidden(authorization: Authorization, check: PolicyCheck): ActionError {
  if (check.via?.cascade) return forbiddenCascade(authorization, check, check.via);
  const path = !check.root ? [] : check.action.type === 'create' ? ['input'] : ['id'];
  return actionError('FORBIDDEN', `${who(authorization)} may not run ${check.resource.name}.${check.action.name}${target(check)}.`, path);
}

/**
 * An onDestroy step's refusal, at the destroyed record's path. It names the
 * resource and relationship but not the record: the actor may not be able to
 * read it (its id would confirm that it exists).
 */
function forbiddenCascade(authorization: Authorization, check: PolicyCheck, via: Via): ActionError {
  const [what, onDestroy] = check.action.type === 'destroy' ? ['destroy too', 'cascade'] : ['update to clear its key', 'nullify'];
  return actionError(
    'FORBIDDEN',
    `${who(authorization)} may not run ${check.resource.name}.${check.action.name} on a ${check.resource.name} that destroying this ${via.resource} would ${what} `
      + `(${via.resource}.${via.relationship} has onDestroy "${onDestroy}"); nothing was destroyed.`,
    [],
  );
}

/** A `changes` policy's refusal, at the field (nested: the entry's path + the field). */
function forbiddenChange(authorization: Authorization, check: PolicyCheck, field: string): ActionError {
  return actionError('FORBIDDEN', `${who(authorization)} may not change ${check.resource.name}.${field}${target(check)}.`, [field]);
}
