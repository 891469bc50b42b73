/**
 * `npm run bench:events`: the event-sourcing benchmark. See README "Benchmarks".
 *
 * 1. Create: an evented Item create (engine `runAction`: event + row, reference check,
 *    hash) against the plain Prisma create of the same row (`prisma.item.create`),
 *    closed loop with BENCH_CONNECTIONS writers for BENCH_DURATION seconds each, same run.
 * 2. Update with expectedVersion: each of BENCH_CONNECTIONS writers updates its own item
 *    through the engine (`runAction`, the version it last saw as expectedVersion: fold,
 *    decide, append with the head's conditional move, row), against an Emmett-shaped
 *    command handler in plain SQL on the same database (read the stream, then append the
 *    next version in one transaction, the primary key guarding the version).
 * 3. Time travel: `loadRecord(asOf)` of an item with 1,000 events, with snapshots
 *    (every 100 versions, the default) and without (folding all 1,000).
 * 4. Replay: `npm run replay`'s engine over 100,000 events (BENCH_REPLAY_EVENTS).
 * On PGlite and (with DATABASE_URL) PostgreSQL. Prints a table, writes bench/results/events-*.json.
 */
import { createAppDomain } from '../src/app/domain';
import { loadRecord } from '../src/engine/fold';
import { replay } from '../src/engine/replay';
import { runAction } from '../src/engine/run-action';
import { uuidv7 } from '../src/events/uuidv7';
import { closedLoop, percentile } from './closed-loop';
import type { BenchConfig, DatabaseKind } from './config';
import { openBenchDatabase } from './database';
import { note } from './progress';
import { formatColumns } from './report';
import { runBench } from './run';
import { headsOf } from '../src/events/stream-heads';
import { synthesizeLog } from './synthetic-log';

interface Row {
  readonly database: DatabaseKind;
  readonly measure: string;
  readonly ours: number;
  readonly baseline: number | undefined;
  readonly unit: string;
  /** true when higher is better (throughput), false for latencies. */
  readonly higherIsBetter: boolean;
}

const TIME_TRAVEL_EVENTS = 1_000;
const REPLAY_EVENTS = Number(process.env.BENCH_REPLAY_EVENTS ?? 100_000);
const TIME_TRAVEL_READS = 200;

async function benchDatabase(kind: DatabaseKind, config: BenchConfig): Promise<Row[]> {
  note(`\n== ${kind}`);
  const bench = await openBenchDatabase(kind, config.postgresUrl);
  const domain = createAppDomain();
  const ctx = { prisma: bench.db.prisma, sql: bench.db.sql, domain, metadata: { actor: null, correlationId: null } };
  const rows: Row[] = [];
  try {
    note(`Database: ${bench.where}`);
    const workspace = await runAction(ctx, { resource: 'Workspace', action: 'create', input: { name: 'Bench' } });
    if (!workspace.ok) throw new Error(JSON.stringify(workspace.errors));
    const workspaceId = workspace.record.id;

    let n = 0;
    const evented = async () => {
      const outcome = await runAction(ctx, { resource: 'Item', action: 'create', input: { title: `item ${++n}`, workspaceId } });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    };
    const plain = async () => {
      const now = new Date();
      await bench.db.prisma.item.create({ data: { id: uuidv7(), version: 1, createdAt: now, updatedAt: now, title: `item ${++n}`, priority: 0, status: 'OPEN', workspaceId } });
    };
    const throughput: Record<string, number> = {};
    for (const [name, op] of [['evented', evented], ['plain', plain]] as const) {
      note(`${kind} create ${name}: ${config.warmupSeconds} s warm-up, ${config.durationSeconds} s measured, ${config.connections} writers...`);
      await closedLoop(config.connections, config.warmupSeconds, op);
      const latencies = await closedLoop(config.connections, config.durationSeconds, op);
      throughput[name] = latencies.length / config.durationSeconds;
    }
    rows.push({ database: kind, measure: 'create (evented vs plain Prisma)', ours: throughput.evented!, baseline: throughput.plain!, unit: 'creates/s', higherIsBetter: true });

    rows.push(await updates(kind, config, bench, ctx, workspaceId));

    note(`${kind} time travel: writing ${TIME_TRAVEL_EVENTS} events to one item...`);
    const item = await runAction(ctx, { resource: 'Item', action: 'create', input: { title: 'long history', workspaceId } });
    if (!item.ok) throw new Error(JSON.stringify(item.errors));
    const times: Date[] = [];
    for (let i = 2; i <= TIME_TRAVEL_EVENTS; i++) {
      const outcome = await runAction(ctx, { resource: 'Item', action: 'update', id: item.record.id, input: { priority: i } });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
      if (i % 50 === 0) times.push(new Date());
      if (i % 100 === 0) process.stderr.write(`\r  ${i}/${TIME_TRAVEL_EVENTS}`);
    }
    process.stderr.write('\n');
    const resource = domain.resource('Item');
    const latency = async (useSnapshots: boolean) => {
      const samples: number[] = [];
      for (let i = 0; i < TIME_TRAVEL_READS; i++) {
        const asOf = times[i % times.length]!;
        const started = performance.now();
        await loadRecord(bench.db.prisma, resource, item.record.id, { asOf, useSnapshots });
        samples.push(performance.now() - started);
      }
      return percentile(samples.sort((a, b) => a - b), 50);
    };
    const withSnapshots = await latency(true);
    const withoutSnapshots = await latency(false);
    rows.push({ database: kind, measure: `time travel, ${TIME_TRAVEL_EVENTS} events (snapshots vs full fold), p50`, ours: withSnapshots, baseline: withoutSnapshots, unit: 'ms', higherIsBetter: false });

    note(`${kind} replay: synthesizing and appending ${REPLAY_EVENTS} events...`);
    const log = synthesizeLog(domain, REPLAY_EVENTS);
    for (let i = 0; i < log.length; i += 2_000) {
      await bench.db.prisma.event.createMany({ data: log.slice(i, i + 2_000).map((e) => ({ ...e, payload: e.payload as never })) });
      process.stderr.write(`\r  ${Math.min(i + 2_000, log.length)}/${log.length}`);
    }
    // The synthesized records are all new: their heads are the log's last events (what an append would have left).
    const heads = headsOf(log);
    for (let i = 0; i < heads.length; i += 5_000) await bench.db.prisma.streamHead.createMany({ data: heads.slice(i, i + 5_000) });
    process.stderr.write('\n');
    const result = await replay(bench.db, domain, {
      onProgress: (p) => process.stderr.write(`\r  replay ${p.phase} ${p.done}/${p.total}   `),
    });
    process.stderr.write('\n');
    rows.push({ database: kind, measure: `replay, ${result.events} events (target 20,000/s on PostgreSQL)`, ours: result.eventsPerSecond, baseline: undefined, unit: 'events/s', higherIsBetter: true });
    return rows;
  } finally {
    await bench.dispose();
  }
}

/**
 * Updates with expectedVersion, one item per writer (no contention: what is measured is the cost of a
 * write, not of waiting). Ours: `runAction` update of the item's priority with the version it last saw.
 * Baseline: what Emmett's command handler does on PostgreSQL, in plain SQL: read the stream's events,
 * then append the next version in the same transaction (the primary key refuses a taken version).
 */
async function updates(kind: DatabaseKind, config: BenchConfig, bench: Awaited<ReturnType<typeof openBenchDatabase>>, ctx: Parameters<typeof runAction>[0], workspaceId: string): Promise<Row> {
  const items: { id: string; version: number }[] = [];
  for (let i = 0; i < config.connections; i++) {
    const created = await runAction(ctx, { resource: 'Item', action: 'create', input: { title: `updated by writer ${i}`, workspaceId } });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    items.push({ id: created.record.id, version: created.record.version as number });
  }
  let next = 0;
  const ours = async () => {
    // Each writer takes the item no other writer is using (closedLoop runs `connections` at once).
    const item = items.shift()!;
    try {
      const outcome = await runAction(ctx, { resource: 'Item', action: 'update', id: item.id, expectedVersion: item.version, input: { priority: ++next % 1000 } });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
      item.version = outcome.record.version as number;
    } finally {
      items.push(item);
    }
  };
  await bench.sql.query('CREATE TABLE IF NOT EXISTS bench_stream_event (stream uuid NOT NULL, version int NOT NULL, data jsonb NOT NULL, PRIMARY KEY (stream, version))', []);
  const streams = items.map(() => ({ id: uuidv7(), version: 0 }));
  const baseline = async () => {
    const stream = streams.shift()!;
    try {
      await bench.sql.transaction(async (query) => {
        const events = await query('SELECT version, data FROM bench_stream_event WHERE stream = $1 ORDER BY version', [stream.id]);
        const version = events.length;
        await query('INSERT INTO bench_stream_event (stream, version, data) VALUES ($1, $2, $3)', [stream.id, version + 1, JSON.stringify({ priority: ++next % 1000 })]);
        stream.version = version + 1;
      });
    } finally {
      streams.push(stream);
    }
  };
  const throughput: Record<string, number> = {};
  for (const [name, op] of [['ours', ours], ['baseline', baseline]] as const) {
    note(`${kind} update ${name}: ${config.warmupSeconds} s warm-up, ${config.durationSeconds} s measured, ${config.connections} writers...`);
    await closedLoop(config.connections, config.warmupSeconds, op);
    throughput[name] = (await closedLoop(config.connections, config.durationSeconds, op)).length / config.durationSeconds;
  }
  return { database: kind, measure: 'update with expectedVersion (engine vs read-stream-then-append in SQL)', ours: throughput.ours!, baseline: throughput.baseline!, unit: 'updates/s', higherIsBetter: true };
}

function formatTable(rows: readonly Row[]): string {
  const header = ['database', 'measure', 'ours', 'baseline', 'unit', 'ratio'];
  const lines = rows.map((row) => {
    const ratio = row.baseline === undefined ? '' : `${(row.higherIsBetter ? row.ours / row.baseline : row.baseline / row.ours).toFixed(2)}x`;
    return [row.database, row.measure, row.ours.toFixed(1), row.baseline === undefined ? '' : row.baseline.toFixed(1), row.unit, ratio];
  });
  return formatColumns(header, lines, 2);
}

runBench('events', benchDatabase, formatTable, 'ratio: throughput ours/baseline; for latencies baseline/ours (above 1x: ours is faster).\n');
