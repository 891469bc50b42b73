import { SqlParams } from '../db/sql-params';
import type { SqlReader } from '../db/sql-reader';
import { EVENT_COLUMNS, toStoredEvent } from './store';
import type { StoredEvent } from './types';

/**
 * Reads of the event log for GraphQL (history, the root `events` list, links),
 * straight to the driver like every other read.
 */

/** A record's events after version `afterVersion`, at most `limit` per record, oldest first, for every id at once. */
export async function readHistories(
  sql: SqlReader,
  resource: string,
  recordIds: readonly string[],
  page: { afterVersion: number; limit: number },
): Promise<Map<string, StoredEvent[]>> {
  const rows = await sql.query(
    `SELECT * FROM (
       SELECT ${EVENT_COLUMNS}, row_number() OVER (PARTITION BY e."recordId" ORDER BY e.version) AS rank
       FROM "Event" e WHERE e.resource = $1 AND e."recordId" = ANY($2::uuid[]) AND e.version > $3
     ) page WHERE rank <= $4 ORDER BY "recordId", version`,
    [resource, recordIds, page.afterVersion, page.limit],
  );
  const byRecord = new Map<string, StoredEvent[]>(recordIds.map((id) => [id, []]));
  for (const row of rows) byRecord.get(row.recordId as string)?.push(toStoredEvent(row));
  return byRecord;
}

/**
 * Which events a reader may see, as a condition on the event row `e` (its
 * values added to `params`); e.g. only events of records the actor may read.
 */
export type EventVisibility = (params: SqlParams, event: string) => string;

/** Events by id (missing from the map: unknown, or not visible). */
export async function readEventsById(sql: SqlReader, ids: readonly string[], visible?: EventVisibility): Promise<Map<string, StoredEvent>> {
  const params = new SqlParams();
  const conditions = [`e.id = ANY(${params.add(ids)}::uuid[])`, ...(visible ? [visible(params, 'e')] : [])];
  const statement = params.finish(`SELECT ${EVENT_COLUMNS} FROM "Event" e WHERE ${conditions.join(' AND ')}`);
  const rows = await sql.query(statement.text, statement.values);
  return new Map(rows.map((row) => [row.id as string, toStoredEvent(row)]));
}

export interface StoredLink {
  readonly eventId: string;
  readonly type: string;
  readonly targetId: string;
}

/** The stored typed links of each event, by event id. */
export async function readLinks(sql: SqlReader, eventIds: readonly string[]): Promise<Map<string, StoredLink[]>> {
  const rows = await sql.query<{ eventId: string; type: string; targetId: string }>(
    `SELECT "eventId"::text AS "eventId", type, "targetId"::text AS "targetId" FROM "EventLink" WHERE "eventId" = ANY($1::uuid[]) ORDER BY type, "targetId"`,
    [eventIds],
  );
  const byEvent = new Map<string, StoredLink[]>(eventIds.map((id) => [id, []]));
  for (const row of rows) byEvent.get(row.eventId)?.push(row);
  return byEvent;
}

/** Where a reader of the whole log stands: after this event, in (transactionId, position) order. */
export interface LogCursor {
  readonly transactionId: string;
  readonly position: bigint;
}

export interface LogFilter {
  readonly resource?: string | null;
  readonly recordId?: string | null;
  readonly action?: string | null;
  readonly actor?: string | null;
  readonly correlationId?: string | null;
}

export interface LogEvent extends StoredEvent {
  readonly transactionId: string;
}

/**
 * The log in commit-safe order: events of transactions that have all finished
 * (transactionId below the oldest one still running), ordered by
 * (transactionId, position). Positions come from a sequence, so a slow
 * transaction can commit a lower position after a faster one committed a
 * higher one; reading by position alone would skip it. Under this order an
 * event only becomes visible when nothing before it can still appear, so a
 * reader that resumes from its last cursor never misses one (Emmett's rule).
 */
export async function readLog(
  sql: SqlReader,
  options: { after: LogCursor | null; limit: number; filter?: LogFilter; visible?: EventVisibility },
): Promise<LogEvent[]> {
  const params = new SqlParams();
  const where = logConditions(params, options);
  if (options.after) {
    where.push(`(e."transactionId", e.position) > (${params.add(options.after.transactionId)}::xid8, ${params.add(options.after.position.toString())}::bigint)`);
  }
  const statement = params.finish(
    `SELECT ${EVENT_COLUMNS}, e."transactionId"::text AS "transactionId" FROM "Event" e
     WHERE ${where.join(' AND ')} ORDER BY e."transactionId", e.position LIMIT ${params.add(options.limit)}`,
  );
  const rows = await sql.query(statement.text, statement.values);
  return rows.map((row) => ({ ...toStoredEvent(row), transactionId: row.transactionId as string }));
}

/**
 * The number of events `readLog` can show under this filter and visibility,
 * from the start of the log (cursors and page sizes aside): one count.
 */
export async function countLog(sql: SqlReader, options: { filter?: LogFilter; visible?: EventVisibility }): Promise<number> {
  const params = new SqlParams();
  const statement = params.finish(`SELECT count(*)::int AS count FROM "Event" e WHERE ${logConditions(params, options).join(' AND ')}`);
  const [row] = await sql.query<{ count: number }>(statement.text, statement.values);
  return row?.count ?? 0;
}

/** The conditions of the log a reader sees: committed-safe events matching the filter, visible to the reader. */
function logConditions(params: SqlParams, options: { filter?: LogFilter; visible?: EventVisibility }): string[] {
  const where = [`e."transactionId" < pg_snapshot_xmin(pg_current_snapshot())`];
  const filters: [keyof LogFilter, string][] = [
    ['resource', 'e.resource'], ['recordId', 'e."recordId"'], ['action', 'e.action'], ['actor', 'e.actor'], ['correlationId', 'e."correlationId"'],
  ];
  for (const [key, column] of filters) {
    const value = options.filter?.[key];
    if (value == null) continue;
    where.push(`${column} = ${params.add(value)}${key === 'recordId' ? '::uuid' : ''}`);
  }
  if (options.visible) where.push(options.visible(params, 'e'));
  return where;
}

/** The number of events of each record of `resource` (its whole stream), for every id at once. */
export async function countHistories(sql: SqlReader, resource: string, recordIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await sql.query<{ recordId: string; count: number }>(
    `SELECT e."recordId"::text AS "recordId", count(*)::int AS count FROM "Event" e
     WHERE e.resource = $1 AND e."recordId" = ANY($2::uuid[]) GROUP BY e."recordId"`,
    [resource, recordIds],
  );
  return new Map(rows.map((row) => [row.recordId, row.count]));
}
