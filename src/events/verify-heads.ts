import type { SqlReader } from '../db/sql-reader';
import type { TamperedEvent } from './verify';

interface HeadRow {
  position: string | null;
  id: string | null;
  resource: string;
  recordId: string;
  lastVersion: number | null;
  lastHash: string | null;
  headVersion: number | null;
  headHash: string | null;
}

/**
 * The first record stream (by the log position of its last event; streams
 * with no event left come last) whose head ("StreamHead") does not name its
 * last event: a head ahead of the log (the stream's last events were deleted:
 * truncated), a head with no event left at all, a head behind the log or with
 * another hash (events written around the engine, or the head edited), or a
 * stream without a head. One statement: each stream's last event (DISTINCT ON
 * over the (resource, recordId, version) index) full-joined with the heads.
 * The stored hashes are compared; the chain check (verifyLog) recomputes them.
 */
export async function firstHeadProblem(sql: SqlReader): Promise<TamperedEvent | undefined> {
  const [row] = await sql.query<HeadRow & Record<string, unknown>>(
    `WITH last AS (
       SELECT DISTINCT ON (resource, "recordId") resource, "recordId", version, hash, position, id
       FROM "Event" ORDER BY resource, "recordId", version DESC
     )
     SELECT l.position::text AS position, l.id::text AS id, COALESCE(l.resource, h.resource) AS resource,
            COALESCE(l."recordId", h."recordId")::text AS "recordId", l.version AS "lastVersion", l.hash AS "lastHash",
            h.version AS "headVersion", h.hash AS "headHash"
     FROM last l FULL JOIN "StreamHead" h ON h.resource = l.resource AND h."recordId" = l."recordId"
     WHERE h.version IS DISTINCT FROM l.version OR h.hash IS DISTINCT FROM l.hash
     ORDER BY l.position NULLS LAST, 3, 4
     LIMIT 1`,
    [],
  );
  if (!row) return undefined;
  return {
    position: row.position === null ? null : BigInt(row.position),
    id: row.id,
    resource: row.resource,
    recordId: row.recordId,
    version: row.lastVersion ?? row.headVersion!,
    reason: reasonOf(row),
  };
}

function reasonOf(row: HeadRow): string {
  const { lastVersion: last, headVersion: head } = row;
  if (head === null) {
    return `no stream head: the record's events (up to version ${last}) were written around the engine, or its "StreamHead" row was deleted; ` +
      '`npm run replay` rebuilds the heads from the log (after checking the log is otherwise intact)';
  }
  if (last === null) {
    return `truncated stream: its head is at version ${head}, but the log holds no event of this record: all of its events were deleted`;
  }
  if (head > last) {
    const missing = head === last + 1 ? `version ${head} was` : `versions ${last + 1}-${head} were`;
    return `truncated stream: its head is at version ${head}, but the log's last event of this record is version ${last}: ${missing} deleted`;
  }
  if (head < last) return `stream head behind the log: head at version ${head}, last event at version ${last} (events appended around the engine, or the head edited)`;
  return `stream head hash differs from the last event's (version ${last}): the head or the event's hash was changed`;
}
