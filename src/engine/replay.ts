import type { Database } from '../db/client';
import type { Client } from '../db/delegate';
import { toStoredEvent } from '../events/store';
import type { Domain, Resource } from '../resource';
import { LogFold } from './fold-log';
import { ownedRows, toRow } from './materialize';
import { insertOrder, parentsFirst } from './replay-order';
import { insertRows } from './sql/insert-rows';
import { ident } from '../db/sql-params';

export interface ReplayProgress {
  /** `fold`: events read and folded; `write`: rows inserted. */
  readonly phase: 'fold' | 'write';
  readonly done: number;
  readonly total: number;
}

export interface ReplayOptions {
  /** Events per read and rows per INSERT (default 5,000). */
  readonly batchSize?: number;
  readonly onProgress?: (progress: ReplayProgress) => void;
  /** Longest the transaction may run before Prisma aborts it (default 1 hour). */
  readonly timeoutMs?: number;
}

export interface ReplayResult {
  readonly events: number;
  /** Rows written: resource rows, owned-table rows and snapshots. */
  readonly rows: number;
  readonly snapshots: number;
  /** Wall time of the whole transaction, commit included. */
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

/**
 * Rebuilds every materialized table from the event log, in ONE transaction
 * (readers see the old tables or the new ones, never a half-built state; a
 * failure leaves everything as it was):
 *
 * 1. TRUNCATE, in one statement, every resource's table, every table a
 *    resource owns through its materialization hook, Snapshot and StreamHead.
 *    Snapshots are derived data and are REBUILT: the fold stores one wherever
 *    the write path would have (see LogFold); so are the stream heads (each
 *    stream's last event). Replay does not check the log: a truncated stream
 *    gets a head at its last remaining event, so run `npm run verify` first.
 * 2. Read the log by position in keyset pages and fold each record in memory
 *    with `evolve` (memory grows with the number of records, not of events).
 * 3. Insert the final states: resource tables parents first (order derived
 *    from belongsTo, see replay-order.ts) with `toRow`, then owned tables with
 *    `ownedRows`, then snapshots and stream heads; multi-row INSERTs of `batchSize` rows.
 *
 * Concurrent writers: TRUNCATE holds ACCESS EXCLUSIVE locks on the tables
 * until commit, so queries and writes wait for the replay; a writer's events
 * are committed only with its materialized rows, so the log the replay reads
 * after the TRUNCATE cannot gain events until it commits. Run it with the
 * server stopped or idle: PostgreSQL may resolve a lock wait against a
 * request in flight as a deadlock, aborting one of the two (rerun then).
 */
export async function replay(db: Pick<Database, 'prisma'>, domain: Domain, options: ReplayOptions = {}): Promise<ReplayResult> {
  const batchSize = options.batchSize ?? 5_000;
  const report = options.onProgress ?? (() => {});
  const started = performance.now();
  const counts = await db.prisma.$transaction(
    async (tx) => {
      const resources = insertOrder(domain);
      const owned = [...new Set(resources.flatMap((r) => Object.keys(r.materialization?.tables ?? {})))];
      const tables = [...new Set([...resources.map((r) => r.model), ...owned, 'Snapshot', 'StreamHead'])];
      await tx.$executeRawUnsafe(`TRUNCATE ${tables.map(ident).join(', ')}`);

      const { fold, events } = await foldLog(tx, domain, batchSize, report);

      const writes = tableWrites(resources, owned, fold);
      const total = writes.reduce((n, w) => n + w.count, 0);
      let written = 0;
      report({ phase: 'write', done: 0, total });
      for (const write of writes) {
        for (let start = 0; start < write.count; start += batchSize) {
          written += await insertRows(tx, write.table, write.rows(start, start + batchSize), batchSize);
          report({ phase: 'write', done: written, total });
        }
      }
      return { events, rows: written, snapshots: fold.snapshots.length };
    },
    { timeout: options.timeoutMs ?? 3_600_000, maxWait: 60_000 },
  );
  const seconds = (performance.now() - started) / 1000;
  return { ...counts, seconds, eventsPerSecond: seconds > 0 ? counts.events / seconds : 0 };
}

/** One table's rows to insert, in order; `rows(start, end)` builds one batch of them. */
interface TableWrite {
  readonly table: string;
  readonly count: number;
  rows(start: number, end: number): Record<string, unknown>[];
}

/**
 * What to insert, in an order the foreign keys accept: each resource's table
 * (in `resources` order, rows parents first, built with `toRow` one batch at a
 * time), then the owned tables (`ownedRows` of every live record), then Snapshot, then StreamHead.
 */
function tableWrites(resources: readonly Resource[], owned: readonly string[], fold: LogFold): TableWrite[] {
  const live = fold.liveStates();
  const writes: TableWrite[] = [];
  const ownedByTable = new Map<string, Record<string, unknown>[]>(owned.map((model) => [model, []]));
  for (const resource of resources) {
    const states = parentsFirst(resource, live.get(resource.name) ?? []);
    writes.push({ table: resource.model, count: states.length, rows: (start, end) => states.slice(start, end).map((state) => toRow(resource, state)) });
    if (!resource.materialization) continue;
    for (const state of states) {
      for (const [model, rows] of ownedRows(resource, state.id, state)) for (const row of rows) ownedByTable.get(model)!.push(row);
    }
  }
  for (const [table, rows] of ownedByTable) writes.push({ table, count: rows.length, rows: (start, end) => rows.slice(start, end) });
  const { snapshots } = fold;
  writes.push({ table: 'Snapshot', count: snapshots.length, rows: (start, end) => snapshots.slice(start, end) });
  const heads = fold.streamHeads();
  writes.push({ table: 'StreamHead', count: heads.length, rows: (start, end) => heads.slice(start, end) as unknown as Record<string, unknown>[] });
  return writes;
}

/** Reads the whole log in position order, `batchSize` events per statement (keyset on position), into a LogFold. */
async function foldLog(tx: Client, domain: Domain, batchSize: number, report: (progress: ReplayProgress) => void): Promise<{ fold: LogFold; events: number }> {
  const [count] = await tx.$queryRawUnsafe<{ total: string }[]>('SELECT count(*)::text AS total FROM "Event"');
  const total = Number(count?.total ?? 0);
  const fold = new LogFold(domain);
  let events = 0;
  let after = '0';
  report({ phase: 'fold', done: 0, total });
  for (;;) {
    // Ordered by the bigint column ("Event".position), not by the text alias of the same name.
    const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT position::text AS position, id::text AS id, resource, "recordId"::text AS "recordId", version, action, payload, "payloadVersion",
              actor, "correlationId", "causationId"::text AS "causationId", "occurredAt", hash
       FROM "Event" WHERE position > $1::bigint ORDER BY "Event".position LIMIT $2`,
      after,
      batchSize,
    );
    for (const row of rows) fold.apply(toStoredEvent(row));
    events += rows.length;
    report({ phase: 'fold', done: events, total: Math.max(total, events) });
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]!.position as string;
  }
  return { fold, events };
}
