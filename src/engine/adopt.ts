import type { Database } from '../db/client';
import type { Client } from '../db/delegate';
import { ident } from '../db/sql-params';
import type { NewEvent } from '../events/types';
import type { Attribute, Domain, Resource } from '../resource';
import { adoptionEvent, type AdoptedRow } from './adopt-row';
import { insertOrder } from './replay-order';

export interface AdoptProgress {
  readonly resource: string;
  /** Rows adopted so far, over all resources, and how many had no events when adopt began. */
  readonly done: number;
  readonly total: number;
}

export interface AdoptOptions {
  /** Rows per read and per write statement (default 5,000). */
  readonly batchSize?: number;
  readonly onProgress?: (progress: AdoptProgress) => void;
  /** The events' correlation id (default "adopt"). */
  readonly correlationId?: string;
  /** Longest the transaction may run before Prisma aborts it (default 1 hour). */
  readonly timeoutMs?: number;
}

export interface AdoptResult {
  /** Rows that got their create event, by resource (resources with none left out). */
  readonly adopted: Readonly<Record<string, number>>;
  readonly total: number;
  /** Adopted rows whose version, updatedAt or sub-millisecond times were reset (see `adopt`). */
  readonly normalized: number;
  readonly seconds: number;
}

/** Adopt found rows the log cannot take as they are; nothing was written. */
export class AdoptRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdoptRefused';
  }
}

/**
 * Brings rows written around the engine (an import, a plain Prisma app being
 * migrated) under the event log: every row of every resource table that has
 * no event gets a version-1 create event (`adoptionEvent`: the cast payload,
 * occurredAt = the row's createdAt, actor null, the engine's hash) and its
 * stream head, so `npm run verify` passes and `npm run replay` rebuilds the
 * same rows. ONE transaction: all rows or none.
 *
 * - Order: resources parents first, rows by id, `batchSize` rows per read and
 *   one write statement per batch (events, heads and normalization as CTEs
 *   of one statement, the batch as one jsonb parameter).
 * - Idempotent: a row that has an event is skipped, so a second run adds
 *   nothing.
 * - A row whose version is not 1 or whose updatedAt is not its createdAt
 *   claims a history the log does not hold; it is NORMALIZED in the same
 *   transaction to version 1, updatedAt = createdAt (what the fold of its one
 *   event gives); times are cut to milliseconds (createdAt and date-time
 *   attributes; events carry milliseconds). Counted in `normalized`.
 * - Refused (AdoptRefused, nothing written): a row the create action's cast
 *   refuses or whose create event would not give the row back (see
 *   `adoptionEvent`); a resource with unadopted rows and no create action;
 *   a record with rows in a table it owns through its materialization hook
 *   (Item's ItemRelation): those rows come from its events only (custom
 *   actions), which adopt cannot invent; a row whose stream has a head but
 *   no event (a truncated stream: `npm run verify` names it).
 *
 * Run it with the server stopped, like replay: a row created meanwhile comes
 * with its event and is skipped, but nothing else is guarded.
 */
export async function adopt(db: Pick<Database, 'prisma'>, domain: Domain, options: AdoptOptions = {}): Promise<AdoptResult> {
  const batchSize = options.batchSize ?? 5_000;
  const correlationId = options.correlationId ?? 'adopt';
  const report = options.onProgress ?? (() => {});
  const started = performance.now();
  const counts = await db.prisma.$transaction(
    async (tx) => {
      const resources = insertOrder(domain);
      const pending = new Map<Resource, number>();
      for (const resource of resources) {
        const count = await unadoptedCount(tx, resource);
        if (count > 0) pending.set(resource, count);
      }
      const total = [...pending.values()].reduce((a, b) => a + b, 0);
      const adopted: Record<string, number> = {};
      let done = 0;
      let normalized = 0;
      for (const [resource, count] of pending) {
        await refuseOwnedRows(tx, resource);
        const create = resource.actions.find((a) => a.type === 'create');
        if (!create) throw new AdoptRefused(`${resource.name} has ${count} rows without events but no create action to record them with.`);
        report({ resource: resource.name, done, total });
        // Pipelined on the one connection: while the database writes batch N and reads batch N+2,
        // the events of batch N+1 are built (hashing is the CPU-heavy part); about half the time of doing one after the other.
        const toEvents = (rows: readonly (AdoptedRow & { hasHead: boolean })[]) => rows.map((row) => {
          if (row.hasHead) throw new AdoptRefused(`${resource.name} ${row.id} has a stream head but no event: its stream was truncated (run \`npm run verify\`); restore its events instead of adopting the row.`);
          const made = adoptionEvent(resource, create, row, { correlationId });
          if (!made.ok) throw new AdoptRefused(`${resource.name} ${row.id} cannot be adopted: ${made.reason} Fix the row and run adopt again.`);
          return made.event;
        });
        const lastId = (rows: readonly AdoptedRow[]) => rows[rows.length - 1]!.id;
        let rows = await unadoptedRows(tx, resource, FIRST_ID, batchSize);
        let events = toEvents(rows);
        let next = rows.length === batchSize ? await unadoptedRows(tx, resource, lastId(rows), batchSize) : [];
        while (events.length > 0) {
          const writing = writeBatch(tx, resource, events);
          const reading = next.length === batchSize ? unadoptedRows(tx, resource, lastId(next), batchSize) : Promise.resolve([]);
          // Built while the statements above run (one turn of the event loop first, so they are sent);
          // a refusal waits for them (the transaction then rolls back).
          await new Promise((resolve) => setImmediate(resolve));
          let nextEvents: NewEvent[] | Error;
          try {
            nextEvents = toEvents(next);
          } catch (error) {
            nextEvents = error as Error;
          }
          normalized += await writing;
          const afterNext = await reading;
          if (nextEvents instanceof Error) throw nextEvents;
          done += rows.length;
          adopted[resource.name] = (adopted[resource.name] ?? 0) + rows.length;
          report({ resource: resource.name, done, total });
          [rows, events, next] = [next, nextEvents, afterNext];
        }
      }
      return { adopted, total: done, normalized };
    },
    { timeout: options.timeoutMs ?? 3_600_000, maxWait: 60_000 },
  );
  return { ...counts, seconds: (performance.now() - started) / 1000 };
}

/** Below every uuid: where the keyset starts. */
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/** No event of the row's record: the anti-join every query here filters with (the Event unique index serves it). */
const NO_EVENT = (table: string, resourceParam: string) =>
  `NOT EXISTS (SELECT FROM "Event" e WHERE e.resource = ${resourceParam} AND e."recordId" = ${table}.id)`;

async function unadoptedCount(tx: Client, resource: Resource): Promise<number> {
  const [row] = await tx.$queryRawUnsafe<{ n: string }[]>(`SELECT count(*)::text AS n FROM ${ident(resource.model)} t WHERE ${NO_EVENT('t', '$1')}`, resource.name);
  return Number(row?.n ?? 0);
}

/** The first unadopted record (by id) with rows in a table its resource owns, refused with how to fix it. */
async function refuseOwnedRows(tx: Client, resource: Resource): Promise<void> {
  for (const [model, ownerColumn] of Object.entries(resource.materialization?.tables ?? {})) {
    const [row] = await tx.$queryRawUnsafe<{ id: string; n: string }[]>(
      `SELECT o.${ident(ownerColumn)}::text AS id, count(*)::text AS n FROM ${ident(model)} o
       WHERE NOT EXISTS (SELECT FROM "Event" e WHERE e.resource = $1 AND e."recordId" = o.${ident(ownerColumn)})
       GROUP BY 1 ORDER BY 1 LIMIT 1`,
      resource.name,
    );
    if (row) {
      throw new AdoptRefused(
        `${resource.name} ${row.id} has ${row.n} row(s) in ${model}, which only ${resource.name}'s events keep (the materialization hook); ` +
          `adopt records creates only and cannot invent those events. Delete the ${model} rows of ${resource.name} records without events, ` +
          `run adopt, then add them again through the API (e.g. addItemRelation).`,
      );
    }
  }
}

/** The select expression of an attribute as adopt reads it (see AdoptedRow). */
function readExpression(attribute: Attribute): string {
  const col = `t.${ident(attribute.name)}`;
  if (attribute.type === 'datetime') return `${isoMillis(col)} AS ${ident(attribute.name)}`;
  if (attribute.type === 'uuid' || attribute.type === 'enum') return `${col}::text AS ${ident(attribute.name)}`;
  return col;
}

/** ISO-8601 in UTC at millisecond precision (truncated, as date_trunc('milliseconds') cuts the row). */
const isoMillis = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

async function unadoptedRows(tx: Client, resource: Resource, after: string, limit: number): Promise<(AdoptedRow & { hasHead: boolean })[]> {
  const attributes = resource.attributes.filter((a) => !a.system);
  // Awaited here so that calling this starts the statement (a Prisma query runs only once awaited).
  return await tx.$queryRawUnsafe(
    `SELECT t.id::text AS id, ${isoMillis('t."createdAt"')} AS "createdAt", ${attributes.map(readExpression).join(', ')},
            EXISTS (SELECT FROM "StreamHead" h WHERE h.resource = $1 AND h."recordId" = t.id) AS "hasHead"
     FROM ${ident(resource.model)} t
     WHERE t.id > $2::uuid AND ${NO_EVENT('t', '$1')}
     ORDER BY t.id LIMIT $3`,
    resource.name,
    after,
    limit,
  );
}

/**
 * One statement for a batch: the events, their heads, and the normalization
 * of rows that claim a history (version, updatedAt) or carry sub-millisecond
 * times. Returns how many rows were normalized.
 */
async function writeBatch(tx: Client, resource: Resource, events: readonly NewEvent[]): Promise<number> {
  const first = events[0]!;
  const times = resource.attributes.filter((a) => a.type === 'datetime' && !a.system).map((a) => ident(a.name));
  const cut = (col: string) => `date_trunc('milliseconds', t.${col})`;
  const sets = [`version = 1`, `"createdAt" = ${cut('"createdAt"')}`, `"updatedAt" = ${cut('"createdAt"')}`, ...times.map((c) => `${c} = ${cut(c)}`)];
  const differs = [`t.version <> 1`, `t."updatedAt" <> ${cut('"createdAt"')}`, `t."createdAt" <> ${cut('"createdAt"')}`, ...times.map((c) => `t.${c} <> ${cut(c)}`)];
  const batch = events.map((e) => ({ id: e.id, recordId: e.recordId, payload: e.payload, occurredAt: e.occurredAt.toISOString(), hash: e.hash }));
  const [result] = await tx.$queryRawUnsafe<{ normalized: string }[]>(
    `WITH batch AS (
       SELECT * FROM jsonb_to_recordset($1::text::jsonb) AS b(id uuid, "recordId" uuid, payload jsonb, "occurredAt" timestamptz, hash text)
     ),
     events AS (
       INSERT INTO "Event" (id, resource, "recordId", version, action, payload, "payloadVersion", actor, "correlationId", "causationId", "occurredAt", hash)
       SELECT id, $2, "recordId", 1, $3, payload, $4::int4, NULL, $5, NULL, "occurredAt", hash FROM batch
     ),
     heads AS (
       INSERT INTO "StreamHead" (resource, "recordId", version, hash) SELECT $2, "recordId", 1, hash FROM batch
     ),
     normalized AS (
       UPDATE ${ident(resource.model)} t SET ${sets.join(', ')}
       FROM batch WHERE t.id = batch."recordId" AND (${differs.join(' OR ')})
       RETURNING 1
     )
     SELECT count(*)::text AS normalized FROM normalized`,
    JSON.stringify(batch),
    first.resource,
    first.action,
    first.payloadVersion,
    first.correlationId,
  );
  return Number(result?.normalized ?? 0);
}
