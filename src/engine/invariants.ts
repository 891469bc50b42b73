import { SqlParams } from '../db/sql-params';
import type { Domain, Invariant, Resource } from '../resource';
import { sqlScope, whereSql } from './sql/where';

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
