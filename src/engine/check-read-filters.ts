import { SqlParams } from '../db/sql-params';
import type { Domain } from '../resource';
import { invariantProblems } from './invariants';
import { sqlScope, whereSql } from './sql/where';

/** An actor id for trying read filters out: any UUID will do. */
const SOME_ACTOR = '00000000-0000-4000-8000-000000000000';

/**
 * Compiles every resource's read filter, for an anonymous and for a signed-in
 * actor, so that a filter naming something the resource does not have is
 * reported at start-up (one problem per resource) instead of failing every
 * read of that resource; and every invariant's condition (see invariants.ts).
 */
export function readFilterProblems(domain: Domain): string[] {
  const problems: string[] = [];
  for (const resource of domain.resources) {
    const read = resource.policies?.read;
    if (!read) continue;
    try {
      for (const actor of [null, SOME_ACTOR]) whereSql(sqlScope(domain, new SqlParams()), resource, read(actor), 't0');
    } catch (error) {
      problems.push(`${resource.name}.policies.read: ${(error as Error).message}`);
    }
  }
  return [...problems, ...invariantProblems(domain)];
}
