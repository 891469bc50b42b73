import type { Action, ActionPolicyContext, PolicyWhere, Resource, Via } from '../../resource';
import type { Authorization, FieldDecision } from '../authorization';
import { actionError, notFound, type ActionError } from '../errors';
import type { RecordState } from '../record';
import { PENDING, type Pending } from './facts';
import type { Round } from './round';

/** What the policy of one action is checked on (see ActionPolicyContext, which the policy receives). */
export interface PolicyCheck extends Pick<ActionPolicyContext, 'input' | 'via' | 'changing'> {
  readonly resource: Resource;
  readonly action: Action;
  /** The record acted on (for a create, the id it will get). */
  readonly recordId: string;
  /** The record as the step sees it; null for a create and for a record that does not exist. */
  readonly current: RecordState | null;
  /** Whether the action is a root action (its denial is then at ["id"] or ["input"]). */
  readonly root: boolean;
}

/**
 * The policy checks of one action, decided on gathered facts. First, for an
 * action on an existing record: a record the actor may not read, or that does
 * not exist, is NOT_FOUND at ["id"] (the same answer, and the same facts
 * gathered, for both: a denial never confirms that a record exists). Then the
 * action's policy and the `changes` policies of the fields it changes: false
 * is FORBIDDEN (at ["id"] / ["input"] for the action, at the field for a
 * change); a condition must hold on the record's row as it was before the
 * mutation. PENDING until the facts are known.
 */
export function authorize(round: Round, check: PolicyCheck): ActionError[] | Pending {
  const { authorization } = round.input;
  const { resource, action, current, recordId } = check;
  if (!authorization.enforced) return [];
  const matches = (where: PolicyWhere | null, readable = false) => round.matches(resource.name, recordId, where, readable);
  // An onDestroy step's record was found by the framework, not named by the client: no readability check (as for framework keys).
  const checksReadability = action.type !== 'create' && !check.via?.cascade;
  const readable = checksReadability ? matches(authorization.readWhere(resource), true) : true;
  if (readable === PENDING) return PENDING;
  // A hidden record and a missing one: the same answer, after the same facts (nothing more is asked about either).
  if (!readable || (action.type !== 'create' && current === null)) return [notFound(resource.name, recordId, ['id'])];
  const context = { action: action.name, input: check.input, record: current, via: check.via, changing: check.changing };
  const decision = authorization.decide(resource, context);
  const fields = decision === false ? [] : authorization.decideChanges(resource, context);
  const held = typeof decision === 'boolean' ? decision : matches(decision);
  const fieldsHeld = fields.map((f) => (typeof f.decision === 'boolean' ? f.decision : matches(f.decision)));
  if (held === PENDING || fieldsHeld.includes(PENDING)) return PENDING;
  if (!held) return [forbidden(authorization, check)];
  return fields.filter((_, i) => !fieldsHeld[i]).map((f: FieldDecision) => forbiddenChange(authorization, check, f.field));
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
