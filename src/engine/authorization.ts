import type { ActionPolicyContext, Actor, PolicyWhere, Resource } from '../resource';
import { isEmpty } from './sql/where';

/**
 * The policies of one request (see PoliciesDefinition): its actor and the
 * resources' read filters and action policies for that actor. `TRUSTED`
 * skips every policy; it is for the framework's own work (seeding, replay)
 * and for callers that authorize by other means.
 */
export interface Authorization {
  readonly actor: Actor;
  readonly enforced: boolean;
  /** The rows of `resource` the actor may read; null when every row is readable. */
  readWhere(resource: Resource): PolicyWhere | null;
  /** What the action's policy says: allowed, denied, or a condition the current record must meet. */
  decide(resource: Resource, context: Omit<ActionPolicyContext, 'actor'>): boolean | PolicyWhere;
  /**
   * What the `changes` policies of the fields the action is changing say, one
   * decision per such field (fields without a policy need nothing more).
   */
  decideChanges(resource: Resource, context: Omit<ActionPolicyContext, 'actor'>): FieldDecision[];
}

/** A `changes` policy's decision on one field. */
export interface FieldDecision {
  readonly field: string;
  readonly decision: boolean | PolicyWhere;
}

export const TRUSTED: Authorization = Object.freeze({
  actor: null,
  enforced: false,
  readWhere: () => null,
  decide: () => true,
  decideChanges: () => [],
});

/** Enforces the resources' policies for `actor` (read filters are worked out once per resource). */
export function authorizationFor(actor: Actor): Authorization {
  const readFilters = new Map<Resource, PolicyWhere | null>();
  return {
    actor,
    enforced: true,
    readWhere(resource) {
      if (!readFilters.has(resource)) {
        const where = resource.policies?.read?.(actor) ?? null;
        readFilters.set(resource, where && !isEmpty(where) ? where : null);
      }
      return readFilters.get(resource)!;
    },
    decide(resource, context) {
      if (!resource.policies) return true;
      const policy = resource.policies.actions.get(context.action);
      if (!policy) return false;
      return asDecision(policy({ ...context, actor }), context, `${resource.name}.policies.actions.${context.action}`);
    },
    decideChanges(resource, context) {
      const policies = resource.policies?.changes.get(context.action);
      if (!policies) return [];
      return [...context.changing].flatMap((field) => {
        const policy = policies.get(field);
        if (!policy) return [];
        return [{ field, decision: asDecision(policy({ ...context, actor }), context, `${resource.name}.policies.changes.${context.action}.${field}`) }];
      });
    },
  };
}

/** A policy's answer: a boolean, or a condition (an empty one allows); a create has no record to check a condition on. */
function asDecision(decision: boolean | PolicyWhere, context: Omit<ActionPolicyContext, 'actor'>, where: string): boolean | PolicyWhere {
  if (typeof decision === 'boolean') return decision;
  if (context.record === null) throw new Error(`${where}: a create has no record to check a condition on; return a boolean.`);
  return isEmpty(decision) ? true : decision;
}

/** `where` restricted to the rows `readable` allows (`readable` null: no restriction). */
export const readableWhere = (readable: PolicyWhere | null, where: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  readable ? { AND: [readable, where] } : { ...where };
