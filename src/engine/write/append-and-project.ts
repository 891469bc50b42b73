import { appendConflict, appendCtes } from '../../events/store';
import { headMoves } from '../../events/stream-heads';
import type { Domain } from '../../resource';
import type { ActionError } from '../errors';
import type { Decision, PlannedChange } from './decide';
import { batchStatements, batches, rowWrites, skippedWrites, takenKeys } from './project';
import { queryRows, type Connection } from './sql';

type Decided = Extract<Decision, { complete: true }>;

/** Most parameters one statement takes (PostgreSQL's limit is 65,535). */
const MAX_PARAMETERS = 60_000;

/**
 * Whether the append and the projection can go in one statement: events to
 * append, no links or snapshots to write after them, each record changed
 * once (a statement may not write one row twice), one kind of write per
 * table (a unique key a deleted or updated row gave up is still taken for an
 * insert in the same statement), owned rows only inserted, and the whole
 * within one statement's parameters.
 */
export function appendsWithRows(decision: Decided): boolean {
  const { changes, events, links, snapshots } = decision;
  if (events.length === 0 || links.length > 0 || snapshots.length > 0) return false;
  if (new Set(changes.map((c) => `${c.resource.name} ${c.recordId}`)).size !== changes.length) return false;
  const writes = changes.flatMap(rowWrites);
  if (writes.some((w) => w.kind === 'deleteOwned')) return false;
  // One statement sees no write of another: a row deleted (or a key updated away) would still hold a unique key a new one takes.
  const kinds = new Map<string, string>();
  for (const w of writes) {
    if ((kinds.get(w.model) ?? w.kind) !== w.kind) return false;
    kinds.set(w.model, w.kind);
  }
  const owned = writes.filter((w) => w.model !== w.change.resource.model).reduce((sum, w) => sum + w.rows.reduce((n, row) => n + Object.keys(row).length, 0), 0);
  const parameters = events.length * 17 + changes.reduce((sum, c) => sum + c.resource.attributes.length + 1, 0) + owned;
  return parameters < MAX_PARAMETERS;
}

/** The one statement ended because a stream head had moved (outside a transaction, see `guarded`). */
export class HeadsMovedMeanwhile extends Error {}

/**
 * The append and the projection in ONE statement (see appendsWithRows): the
 * append's CTEs (stream heads, events), then one CTE per statement of each
 * row batch (foreign keys are checked at the end of the statement, so a
 * comment's row may name the item a sibling CTE inserts, and a parent may go
 * with its children). A head that did not move throws the
 * StreamVersionConflict; a row a taken unique key kept out is CONFLICT at
 * its entry, as in `project`.
 *
 * `guarded`: the statement runs on its own, without a transaction around it,
 * so it must write everything or nothing: a taken key fails it (no `ON
 * CONFLICT DO NOTHING`), and so does a head that did not move (a division by
 * zero in its result, HeadsMovedMeanwhile), which undoes the heads that did.
 */
export async function appendAndProject(
  client: Connection, domain: Domain, decision: Decided, pathOf: (change: PlannedChange) => readonly string[], guarded = false,
): Promise<ActionError[]> {
  const values: unknown[] = [];
  const p = (value: unknown) => `$${values.push(value)}`;
  const moves = headMoves(decision.events);
  const { ctes, results } = appendCtes(moves, decision.events, (value, cast) => `${p(value)}::${cast}`);
  const rowBatches = batches(decision.changes.flatMap(rowWrites));
  const statements = rowBatches.flatMap((batch) => batchStatements(batch, !guarded).map((statement) => ({ batch, statement })));
  const guard = guarded ? `, 1 / (SELECT CASE WHEN count(*) = ${moves.length} THEN 1 ELSE 0 END FROM heads) AS guard` : '';
  const text = `WITH ${ctes}${statements.map(({ statement }, i) => `,\n    rows${i} AS (${statement.sql(p)})`).join('')}
    SELECT ${results}${statements.map(({ statement }, i) => (statement.returnsIds ? `, ARRAY(SELECT id FROM rows${i}) AS rows${i}` : '')).join('')}${guard}`;
  let result: { inserted: number; moved: string[] } & Record<string, unknown>;
  try {
    [result] = (await queryRows(client, { text, values })) as [typeof result];
  } catch (error) {
    if (guarded && JSON.stringify(error).includes('22012')) throw new HeadsMovedMeanwhile();
    throw error;
  }
  const conflict = appendConflict(moves, decision.events, result);
  if (conflict) throw conflict;
  for (const [i, { batch, statement }] of statements.entries()) {
    if (!statement.returnsIds) continue;
    const skipped = skippedWrites(batch, (result[`rows${i}`] as string[]).map((id) => ({ id })));
    if (skipped.length > 0) return takenKeys(client, domain, batch, skipped, pathOf);
  }
  return [];
}
