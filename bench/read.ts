/**
 * `npm run bench:read`: the read benchmark. See README "Benchmarks".
 *
 * For each database (PGlite; PostgreSQL too when DATABASE_URL is set): a fresh database,
 * seeded in bulk with rows and their events; our app and the hand-written baseline
 * served side by side on it; Q1 and Q2 checked to return identical JSON on both, then
 * put under load one server at a time. Prints a table, writes bench/results/read-*.json.
 */
import { availableParallelism, cpus } from 'node:os';
import type { GraphQLSchema } from 'graphql';
import { createApp } from '../src/app/create-app';
import { createBaselineServer } from './baseline/server';
import { benchConfigFromEnv, type BenchConfig, type DatabaseKind } from './config';
import { openBenchDatabase } from './database';
import { serve, type CountingServer } from './http-server';
import { measure } from './measure';
import { checkCreationPayloads } from './payload-check';
import { note, stderrProgress } from './progress';
import { benchQueries, type BenchQuery } from './queries';
import { formatTable, writeReport, type ResultRow } from './report';
import { seedTables, writeSeedData } from './seed';
import { buildSeedData } from './seed-data';
import type { Target } from './target';
import { verifyIdentical } from './verify';

/** Cleanups of what is open right now, run on Ctrl-C too (so no bench database is left behind). */
const cleanups = new Set<() => Promise<void>>();

interface DatabaseRun {
  readonly rows: ResultRow[];
  readonly withMembers: boolean;
  readonly seeded: Record<string, number>;
  readonly queries: readonly BenchQuery[];
}

async function benchDatabase(kind: DatabaseKind, config: BenchConfig): Promise<DatabaseRun> {
  note(`\n== ${kind}`);
  const bench = await openBenchDatabase(kind, config.postgresUrl);
  const servers: CountingServer[] = [];
  const cleanup = async () => {
    await Promise.allSettled(servers.map((s) => s.close()));
    await bench.dispose();
  };
  cleanups.add(cleanup);
  try {
    note(`Database: ${bench.where}`);
    const app = createApp(bench.db);
    const data = buildSeedData();
    const tables = seedTables(data);
    const check = checkCreationPayloads(app.domain, tables);
    if (check.problems.length > 0) throw new Error(`Seeded events would not match the engine's:\n${check.problems.join('\n')}`);
    const checked = tables.map((t) => t.resource).filter((r) => !check.unknown.includes(r));
    note(`Event payloads match the app's create actions for: ${checked.join(', ') || 'none'}.`);
    if (check.unknown.length > 0) note(`Not yet resources of the app (payloads unchecked): ${check.unknown.join(', ')}.`);

    const started = Date.now();
    const records = await writeSeedData(bench.db.prisma, tables, stderrProgress());
    note(`Seeded ${records.toLocaleString('en-US')} records and their events in ${((Date.now() - started) / 1000).toFixed(1)} s.`);

    const withMembers = hasField(app.schema, 'Item', 'members');
    if (!withMembers) note('NOTE: our schema has no Item.members yet; Q1 and Q2 run WITHOUT members on both servers.');

    const ours: Target = { name: 'ours', server: await serve(app.server), statements: bench.appStatements };
    servers.push(ours.server);
    const baseline: Target = { name: 'baseline', server: await serve(createBaselineServer(bench.sql)), statements: bench.sql.statements };
    servers.push(baseline.server);

    const queries = benchQueries(data.probeItemId, withMembers);
    const rows: ResultRow[] = [];
    for (const q of queries) {
      const verified = await verifyIdentical(q, [ours, baseline]);
      note(`${q.name}: identical JSON from both servers (${Object.entries(verified.shape).map(([k, n]) => `${n} ${k}`).join(', ')}).`);
      for (const target of [ours, baseline]) {
        note(`${kind} ${q.name} ${target.name}: ${config.warmupSeconds} s warm-up, ${config.durationSeconds} s measured, ${config.connections} connections...`);
        const measurement = await measure(target, q, verified.bodies.get(target.name)!, config);
        rows.push({ database: kind, query: q.name, server: target.name, measurement, statementsSingleRequest: verified.statements.get(target.name)! });
      }
    }
    const seeded = Object.fromEntries(tables.map((t) => [t.resource, t.rows.length]));
    return { rows, withMembers, seeded, queries };
  } finally {
    cleanups.delete(cleanup);
    await cleanup();
  }
}

function hasField(schema: GraphQLSchema, type: string, field: string): boolean {
  const found = schema.getType(type);
  return found !== undefined && 'getFields' in found && field in found.getFields();
}

async function main(): Promise<void> {
  const config = benchConfigFromEnv();
  const startedAt = new Date().toISOString();
  const runs: DatabaseRun[] = [];
  for (const kind of config.databases) runs.push(await benchDatabase(kind, config));

  const rows = runs.flatMap((r) => r.rows);
  const withMembers = runs.every((r) => r.withMembers);
  process.stdout.write(`\n${formatTable(rows)}\n`);
  if (!withMembers) process.stdout.write('(Item.members not in our schema yet: queries ran without members.)\n');

  const { postgresUrl: _url, ...settings } = config;
  const path = await writeReport({
    startedAt,
    config: settings,
    environment: { node: process.version, cpus: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', platform: process.platform },
    withMembers,
    seeded: runs[0]?.seeded ?? {},
    queries: Object.fromEntries((runs[0]?.queries ?? []).map((q) => [q.name, q.query])),
    rows,
  });
  process.stdout.write(`Results written to ${path}\n`);
}

process.once('SIGINT', () => {
  note('\nInterrupted: closing servers and dropping the bench database...');
  void Promise.allSettled([...cleanups].map((c) => c())).finally(() => process.exit(130));
});

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
