import { modelDelegate, type Client } from '../db/delegate';
import type { Action, ActionPolicyContext, Domain, PolicyWhere, Resource } from '../resource';
import type { Authorization } from './authorization';
import { actionError, notFound, type ActionError } from './errors';
import type { RecordState } from './record';

/** What the policy of one action is checked on (see ActionPolicyContext, which the policy receives). */
export interface PolicyCheck extends Pick<ActionPolicyContext, 'input' | 'via'> {
  readonly resource: Resource;
  readonly action: Action;
  /** The record as it is now; null for a create (and for a record that does not exist, which the plan reports). */
  readonly current: RecordState | null;
  /** Whether the action runs at the root of the request (its denial is then at ["id"] or ["input"]). */
  readonly root: boolean;
}

/**
 * The policy checks of one action, inside its transaction and before any of
 * its work: a record the actor may not read is NOT_FOUND at ["id"] (as if it
 * did not exist, so a denial never confirms that it does); then the action's
 * policy, whose condition is checked on the record's row, is FORBIDDEN when it
 * says no. Costs at most two small SELECTs, only for resources with policies.
 */
export async function authorizeAction(tx: Client, authorization: Authorization, check: PolicyCheck): Promise<ActionError[]> {
  const { resource, action, current } = check;
  // A record that does not exist is reported by the plan (NOT_FOUND at ["id"]); there is nothing to authorize.
  if (!authorization.enforced || (current === null && action.type !== 'create')) return [];
  if (current && !(await rowMatches(tx, resource, current.id, authorization.readWhere(resource)))) {
    return [notFound(resource.name, current.id, ['id'])];
  }
  const decision = authorization.decide(resource, { action: action.name, input: check.input, record: current, via: check.via });
  const allowed = typeof decision === 'boolean' ? decision : await rowMatches(tx, resource, current!.id, decision);
  return allowed ? [] : [forbidden(authorization, check)];
}

/**
 * Whether a create may skip the transaction (see single-statement-create.ts)
 * as far as the policies go: its policy allows it outright, and no key the
 * client gives points at a resource with a read filter (those keys need a
 * readability check that the one-statement write does not make).
 */
export function canCreateWithoutReads(authorization: Authorization, resource: Resource, action: Action, input: Readonly<Record<string, unknown>>, domain: Domain): boolean {
  if (!authorization.enforced) return true;
  if (authorization.decide(resource, { action: action.name, input, record: null, via: null }) !== true) return false;
  return resource.relationships.every(
    (rel) => rel.kind !== 'belongsTo' || input[rel.sourceAttribute] == null || authorization.readWhere(domain.resource(rel.destination)) === null,
  );
}

async function rowMatches(tx: Client, resource: Resource, id: string, where: PolicyWhere | null): Promise<boolean> {
  if (where === null) return true;
  return (await modelDelegate(tx, resource.model).count({ where: { AND: [{ id }, where] } })) > 0;
}

function forbidden(authorization: Authorization, check: PolicyCheck): ActionError {
  const who = authorization.actor === null ? 'An anonymous request' : `Actor "${authorization.actor}"`;
  const target = check.current ? ` on ${check.resource.name} "${check.current.id}"` : '';
  const path = !check.root ? [] : check.action.type === 'create' ? ['input'] : ['id'];
  return actionError('FORBIDDEN', `${who} may not run ${check.resource.name}.${check.action.name}${target}.`, path);
}
