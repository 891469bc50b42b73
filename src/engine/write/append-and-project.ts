import type { Client } from '../../db/delegate';
import { appendConflict, appendCtes } from '../../events/store';
import { headMoves } from '../../events/stream-heads';
import type { Domain } from '../../resource';
import type { ActionError } from '../errors';
import type { Decision, PlannedChange } from './decide';
import { batches, insertSql, rowWrites, skippedWrites, takenKeys, type Batch } from './project';
import { queryRows } from './sql';

type Decided = Extract<Decision, { complete: true }>;

/** Most parameters one statement takes (PostgreSQL's limit is 65,535). */
const MAX_PARAMETERS = 60_000;

/**
 * Whether the append and the projection can go in one statement: every row
 * change is an insert (a nested create: the item, its comments, its links,
 * their owned rows), with no links or snapshots to write after the events,
 * and the whole fits in one statement's parameters.
 */
export function appendsWithInserts(decision: Decided): boolean {
  const { changes, events, links, snapshots } = decision;
  if (events.length === 0 || links.length > 0 || snapshots.length > 0 || !changes.every((c) => c.before === null && c.after !== null)) return false;
  const parameters = events.length * 12 + changes.reduce((sum, c) => sum + c.resource.attributes.length, 0) * 2;
  return parameters < MAX_PARAMETERS;
}

/**
 * The append and an inserts-only projection in ONE statement, inside the
 * unit of work's transaction: the append's CTEs (stream heads, events), then
 * one CTE per insert batch (per model, parents' batches first; a foreign key
 * is checked at the end of the statement, so a comment's row may name the
 * item inserted by a sibling CTE). A head that did not move throws the
 * StreamVersionConflict (the transaction rolls the rows back); a row a taken
 * unique key kept out is CONFLICT at its entry, as in `project`.
 */
export async function appendAndProject(
  tx: Client, domain: Domain, decision: Decided, pathOf: (change: PlannedChange) => readonly string[],
): Promise<ActionError[]> {
  const values: unknown[] = [];
  const moves = headMoves(decision.events);
  const { ctes, results } = appendCtes(moves, decision.events, (value, cast) => `$${values.push(value)}::${cast}`);
  const inserts = batches(decision.changes.flatMap(rowWrites));
  const statements = inserts.map((batch) => insertSql(batch, (value) => `$${values.push(value)}`));
  const text = `WITH ${ctes},
    ${statements.map((s, i) => `rows${i} AS (${s.text})`).join(',\n    ')}
    SELECT ${results}${statements.map((s, i) => (s.returnsIds ? `, ARRAY(SELECT id FROM rows${i}) AS rows${i}` : '')).join('')}`;
  const [result] = (await queryRows(tx, { text, values })) as [{ inserted: number; moved: string[] } & Record<string, { id: string }[] | string[]>];
  const conflict = appendConflict(moves, decision.events, result);
  if (conflict) throw conflict;
  for (const [i, batch] of inserts.entries()) {
    if (!statements[i]!.returnsIds) continue;
    const skipped = skippedWrites(batch, (result[`rows${i}`] as string[]).map((id) => ({ id })));
    if (skipped.length > 0) return takenKeys(tx, domain, batch as Batch, skipped, pathOf);
  }
  return [];
}
