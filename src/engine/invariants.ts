import { SqlParams } from '../db/sql-params';
import { modelDelegate, type Client } from '../db/delegate';
import type { Domain, Invariant, Resource } from '../resource';
import { actionError, type ActionError } from './errors';
import { sqlScope, whereSql } from './sql/where';

/**
 * The resource's invariants an action's input triggers (any of their `when`
 * fields given), checked on the record after the action and all its nested
 * steps, inside the transaction: one count per triggered invariant. A broken
 * one is INVALID_INPUT at the first `when` field the input gives. Applies to
 * every caller: invariants are data integrity, not authorization.
 */
export async function brokenInvariants(tx: Client, resource: Resource, recordId: string, given: Readonly<Record<string, unknown>>): Promise<ActionError[]> {
  const errors: ActionError[] = [];
  for (const { invariant, field } of triggeredInvariants(resource, given)) {
    const holds = await modelDelegate(tx, resource.model).count({ where: { AND: [{ id: recordId }, invariant.holds] } });
    if (holds === 0) errors.push(actionError('INVALID_INPUT', invariant.message, [field]));
  }
  return errors;
}

/** The invariants `given` (an action's input) triggers, each with the first of its `when` fields given. */
export function triggeredInvariants(resource: Resource, given: Readonly<Record<string, unknown>>): { invariant: Invariant; field: string }[] {
  return resource.invariants.flatMap((invariant) => {
    const field = invariant.when.find((name) => given[name] !== undefined);
    return field === undefined ? [] : [{ invariant, field }];
  });
}

/**
 * Compiles every invariant's condition, so that one naming what its resource
 * does not have is reported when the server starts rather than failing the
 * writes that trigger it.
 */
export function invariantProblems(domain: Domain): string[] {
  const problems: string[] = [];
  for (const resource of domain.resources) {
    for (const [i, invariant] of resource.invariants.entries()) {
      try {
        whereSql(sqlScope(domain, new SqlParams()), resource, invariant.holds, 't0');
      } catch (error) {
        problems.push(`${resource.name}.invariants[${i}].holds: ${(error as Error).message}`);
      }
    }
  }
  return problems;
}
