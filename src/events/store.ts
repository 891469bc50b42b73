import type { Prisma } from '../generated/prisma/client';
import { headMovesSql, headMoves, type HeadMove } from './stream-heads';
import type { EventLinkRef, NewEvent, Payload, StoredEvent } from './types';

type Tx = Prisma.TransactionClient;

/** Another writer appended to the stream first: the version the caller expected is taken. */
export class StreamVersionConflict extends Error {
  constructor(readonly resource: string, readonly recordId: string) {
    super(`Another write to ${resource} ${recordId} committed first.`);
    this.name = 'StreamVersionConflict';
  }
}

/**
 * Appends events (and their typed links) inside the caller's transaction, and
 * moves each stream's head, in ONE statement: the head writes (see
 * `headMovesSql`) are a CTE, and the events are inserted only when every head
 * moved from the version the writer folded. When one did not (another writer
 * appended first, or a create's record exists), nothing is written and this
 * throws `StreamVersionConflict`. The unique index on (resource, recordId,
 * version) stays as a second guard (a stream without a head).
 */
export async function appendEvents(tx: Tx, events: readonly NewEvent[], links: readonly (EventLinkRef & { eventId: string })[] = []): Promise<void> {
  if (events.length === 0) return;
  const moves = headMoves(events);
  const { text, values } = appendStatement(moves, events);
  let result: { inserted: number; moved: string[] };
  try {
    [result] = (await tx.$queryRawUnsafe<{ inserted: number; moved: string[] }[]>(text, ...values)) as [{ inserted: number; moved: string[] }];
  } catch (error) {
    if (isUniqueViolation(error)) throw new StreamVersionConflict(events[0]!.resource, events[0]!.recordId);
    throw error;
  }
  const conflict = appendConflict(moves, events, result);
  if (conflict) throw conflict;
  if (links.length > 0) await tx.eventLink.createMany({ data: links.map((l) => ({ eventId: l.eventId, type: l.type, targetId: l.targetId })) });
}

/**
 * `WITH moves AS (VALUES ...), heads AS (<move every head>), appended AS (INSERT INTO "Event" ... WHERE <every head
 * moved> RETURNING 1) SELECT <rows appended>, <the streams whose head moved>`.
 */
function appendStatement(moves: readonly HeadMove[], events: readonly NewEvent[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const p = (value: unknown, cast: string) => {
    values.push(value);
    return `$${values.length}::${cast}`;
  };
  const { ctes, results } = appendCtes(moves, events, p);
  return { text: `WITH ${ctes}\n    SELECT ${results}`, values };
}

/**
 * The CTEs of an append (`moves`, `heads`, `appended`), for a statement that
 * may add its own, and the result columns `inserted` and `moved` (see
 * appendEvents). `p` gives the placeholder of each value.
 */
export function appendCtes(moves: readonly HeadMove[], events: readonly NewEvent[], p: (value: unknown, cast: string) => string): { ctes: string; results: string } {
  const heads = moves.map((m) => `(${p(m.resource, 'text')}, ${p(m.recordId, 'uuid')}, ${p(m.version, 'int4')}, ${p(m.hash, 'text')}, ${p(m.from, 'int4')})`);
  const rows = events.map((e) =>
    `(${p(e.id, 'uuid')}, ${p(e.resource, 'text')}, ${p(e.recordId, 'uuid')}, ${p(e.version, 'int4')}, ${p(e.action, 'text')}, ` +
    `${p(JSON.stringify(e.payload), 'text::jsonb')}, ${p(e.payloadVersion, 'int4')}, ${p(e.actor, 'text')}, ${p(e.correlationId, 'text')}, ` +
    `${p(e.causationId, 'uuid')}, ${p(e.occurredAt, 'timestamptz')}, ${p(e.hash, 'text')})`,
  );
  return {
    ctes: `moves(resource, "recordId", version, hash, "from") AS (VALUES ${heads.join(', ')}),
    heads AS (${headMovesSql('moves')}),
    appended AS (
      INSERT INTO "Event" (${EVENT_INSERT_COLUMNS})
      SELECT * FROM (VALUES ${rows.join(', ')}) AS e WHERE (SELECT count(*) FROM heads) = ${moves.length}
      RETURNING 1
    )`,
    results: `(SELECT count(*) FROM appended)::int AS inserted, ARRAY(SELECT resource || ' ' || "recordId" FROM heads) AS moved`,
  };
}

/** The conflict an append's result shows, if any: the first stream whose head did not move (see appendEvents). */
export function appendConflict(moves: readonly HeadMove[], events: readonly NewEvent[], result: { inserted: number; moved: string[] }): StreamVersionConflict | null {
  if (Number(result.inserted) === events.length) return null;
  // The others moved in the same statement, rolled back with it.
  const moved = new Set(result.moved);
  const stale = moves.find((m) => !moved.has(`${m.resource} ${m.recordId}`)) ?? moves[0]!;
  return new StreamVersionConflict(stale.resource, stale.recordId);
}

/** The columns an append writes ("position" and "transactionId" are the database's). */
const EVENT_INSERT_COLUMNS = `id, resource, "recordId", version, action, payload, "payloadVersion", actor, "correlationId", "causationId", "occurredAt", hash`;

/** A stored savepoint: the folded state at `version` (JSON), and the chain's hash there. */
export interface StoredSnapshot {
  readonly version: number;
  readonly state: Payload;
  readonly hash: string;
  readonly occurredAt: Date;
}

/** What a fold needs: the latest snapshot (if any) and the events after it, oldest first. */
export interface StreamSlice {
  readonly snapshot: StoredSnapshot | null;
  readonly events: readonly StoredEvent[];
}

/** The select list of an event row as `toStoredEvent` reads it, from the "Event" table aliased `e`. */
export const EVENT_COLUMNS = `e.id::text AS id, e.position, e.resource, e."recordId"::text AS "recordId", e.version, e.action, e.payload,
  e."payloadVersion", e.actor, e."correlationId", e."causationId"::text AS "causationId", e."occurredAt", e.hash`;

/**
 * One record's latest snapshot and its events after it (see
 * streamSlicesStatement); with `asOf`, only what had occurred by then.
 * `useSnapshots: false` folds from the first event (to check that snapshots
 * change nothing).
 */
export async function readStreamSlice(
  tx: Tx,
  resource: string,
  recordId: string,
  options: StreamSliceOptions = {},
): Promise<StreamSlice> {
  const { text, values } = streamSlicesStatement([{ resource, recordId }], options);
  const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values);
  return slicesOf(rows).get(streamKey(resource, recordId)) ?? { snapshot: null, events: [] };
}

export interface StreamSliceOptions {
  readonly asOf?: Date;
  readonly useSnapshots?: boolean;
}

/**
 * ONE statement for any number of record streams: each one's latest snapshot
 * and its events after it (oldest first), tagged with its resource and record
 * id; read the rows with `slicesOf`.
 */
export function streamSlicesStatement(
  streams: readonly { resource: string; recordId: string }[],
  options: StreamSliceOptions = {},
): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const list = streams.map(({ resource, recordId }) => {
    values.push(resource, recordId);
    return `($${values.length - 1}::text, $${values.length}::uuid)`;
  });
  let asOf = (_alias: string) => '';
  if (options.asOf) {
    values.push(options.asOf);
    const at = `$${values.length}`;
    asOf = (alias) => `AND ${alias}."occurredAt" <= ${at}`;
  }
  const snapshots = options.useSnapshots === false ? 'AND false' : '';
  return {
    text: `WITH wanted(resource, "recordId") AS (VALUES ${list.join(', ')}),
     snap AS (
       SELECT DISTINCT ON (s.resource, s."recordId") s.resource, s."recordId", s.version, s.state, s.hash, s."occurredAt"
       FROM "Snapshot" s JOIN wanted w USING (resource, "recordId")
       WHERE true ${asOf('s')} ${snapshots}
       ORDER BY s.resource, s."recordId", s.version DESC
     )
     SELECT 'snapshot' AS kind, NULL AS id, NULL::bigint AS position, resource, "recordId"::text AS "recordId", version, NULL AS action,
            state AS payload, NULL::int AS "payloadVersion", NULL AS actor, NULL AS "correlationId", NULL AS "causationId", "occurredAt", hash
     FROM snap
     UNION ALL
     (SELECT 'event' AS kind, ${EVENT_COLUMNS} FROM "Event" e JOIN wanted w USING (resource, "recordId")
      LEFT JOIN snap s ON s.resource = e.resource AND s."recordId" = e."recordId"
      WHERE e.version > COALESCE(s.version, 0) ${asOf('e')}
      ORDER BY e.resource, e."recordId", e.version)`,
    values,
  };
}

/** The slices in a streamSlicesStatement's rows (from the driver, or as JSON), by streamKey; events by version. */
export function slicesOf(rows: readonly Record<string, unknown>[]): Map<string, StreamSlice> {
  const slices = new Map<string, { snapshot: StoredSnapshot | null; events: StoredEvent[] }>();
  for (const row of rows) {
    const key = streamKey(row.resource as string, row.recordId as string);
    const slice = slices.get(key) ?? { snapshot: null, events: [] };
    slices.set(key, slice);
    if (row.kind === 'snapshot') {
      slice.snapshot = { version: Number(row.version), state: row.payload as Payload, hash: row.hash as string, occurredAt: new Date(row.occurredAt as string | Date) };
    } else {
      slice.events.push(toStoredEvent(row));
    }
  }
  for (const slice of slices.values()) slice.events.sort((a, b) => a.version - b.version);
  return slices;
}

/** A record stream's key in `slicesOf`. */
export const streamKey = (resource: string, recordId: string): string => `${resource} ${recordId.toLowerCase()}`;

/** Stores a savepoint of a record's folded state (JSON). */
export async function writeSnapshot(tx: Tx, resource: string, recordId: string, snapshot: StoredSnapshot): Promise<void> {
  await tx.snapshot.create({ data: { resource, recordId, ...snapshot, state: snapshot.state as Prisma.InputJsonObject } });
}

/** Every event of one record, oldest first. */
export async function readStream(tx: Tx, resource: string, recordId: string): Promise<StoredEvent[]> {
  const rows = await tx.event.findMany({ where: { resource, recordId }, orderBy: { version: 'asc' } });
  return rows.map((row) => toStoredEvent(row as unknown as Record<string, unknown>));
}

/** An event row (from Prisma or raw SQL) as a StoredEvent. */
export function toStoredEvent(row: Record<string, unknown>): StoredEvent {
  return {
    id: row.id as string,
    position: BigInt(row.position as bigint | number | string),
    resource: row.resource as string,
    recordId: row.recordId as string,
    version: Number(row.version),
    action: row.action as string,
    payload: row.payload as Payload,
    payloadVersion: Number(row.payloadVersion),
    actor: (row.actor as string | null) ?? null,
    correlationId: (row.correlationId as string | null) ?? null,
    causationId: (row.causationId as string | null) ?? null,
    occurredAt: row.occurredAt instanceof Date ? row.occurredAt : new Date(row.occurredAt as string),
    hash: row.hash as string,
  };
}

/** A unique violation, as Prisma reports it (P2002) or as the driver does (23505). */
function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'P2002' || code === '23505';
}
