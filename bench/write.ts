/**
 * `npm run bench:write`: the write benchmark. See README "Benchmarks".
 *
 * M1 = create an item with 2 comments, relating 2 existing members (one with a role).
 * Ours: the `createItem` mutation over GraphQL (Yoga's in-process fetch), evented: one
 * event per record written (item, 2 comments, 2 ItemMember links) and the rows
 * materialized, in one transaction. Baseline: the same rows with plain SQL in one
 * transaction, no events, no GraphQL. Both run closed-loop with BENCH_CONNECTIONS
 * concurrent writers for BENCH_DURATION seconds after a BENCH_WARMUP warm-up, on
 * PGlite and (with DATABASE_URL) PostgreSQL. BENCH_OPS=M1 or C1000 runs one of them.
 * Prints a table, writes bench/results/write-*.json.
 */
import { appAuthenticator } from '../src/app/authentication';
import { signToken } from '../src/server/auth/sign-token';
import { createApp } from '../src/app/create-app';
import { uuidv7 } from '../src/events/uuidv7';
import type { BenchConfig, DatabaseKind } from './config';
import { openBenchDatabase, type BenchDatabase } from './database';
import { note } from './progress';
import { closedLoop, percentile } from './closed-loop';
import { formatColumns } from './report';
import { runBench } from './run';

/** Signs the benchmark's tokens (HS256). */
const BENCH_SECRET = new TextEncoder().encode('bench-secret-of-the-write-benchmark-0123456789');

const MEMBERS = 100;

interface Row {
  database: DatabaseKind;
  /** M1, or C1000: one item created with 1,000 nested comments (one writer, C1000_RUNS runs). */
  op: 'M1' | 'C1000';
  server: 'ours' | 'baseline';
  mutationsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  statementsPerMutation: number;
  eventsPerMutation: number;
}

async function benchDatabase(kind: DatabaseKind, config: BenchConfig): Promise<Row[]> {
  note(`\n== ${kind}`);
  const bench = await openBenchDatabase(kind, config.postgresUrl);
  try {
    note(`Database: ${bench.where}`);
    const app = createApp(bench.db, { authenticate: appAuthenticator({ secret: BENCH_SECRET }) });
    // Writes other than sign-up need a signed-in actor (README, "Authorization"): the first member, with a token.
    let token: string | null = null;
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
      const response = await app.server.fetch('http://bench/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as { data?: Record<string, { result: { id: string } | null; errors: unknown[] }>; errors?: unknown[] };
      const payload = body.data && Object.values(body.data)[0];
      if (body.errors || !payload?.result) throw new Error(`Mutation failed: ${JSON.stringify(body)}`);
      return payload.result.id;
    };
    note(`Creating ${MEMBERS} members and a workspace...`);
    const members: string[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      members.push(await gql('mutation($input: CreateMemberInput!) { createMember(input: $input) { result { id } errors { code } } }', { input: { name: `m${i}`, email: `m${i}@bench.example` } }));
    }
    token = await signToken(BENCH_SECRET, { sub: members[0]!, expiresIn: '1h' });
    const workspaceId = await gql('mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { result { id } errors { code } } }', { input: { name: 'Bench' } });
    let n = 0;
    const pair = () => {
      n += 1;
      return [members[n % MEMBERS]!, members[(n + 1) % MEMBERS]!] as const;
    };
    const M1 = `mutation($input: CreateItemInput!) { createItem(input: $input) { result { id } errors { code message path } } }`;
    const ours = async () => {
      const [a, b] = pair();
      // An item with members keeps an ADMIN (the reference app's invariant).
      await gql(M1, { input: { title: `item ${n}`, workspaceId, comments: [{ body: 'one' }, { body: 'two' }], members: [{ id: a, role: 'ADMIN' }, { id: b, role: 'EDITOR' }] } });
    };
    const baseline = () => baselineM1(bench, workspaceId, pair());

    const rows: Row[] = [];
    for (const [server, op, statements] of [['ours', ours, bench.appStatements], ['baseline', baseline, bench.sql.statements]] as const) {
      if (!OPS.includes('M1')) break;
      note(`${kind} M1 ${server}: ${config.warmupSeconds} s warm-up, ${config.durationSeconds} s measured, ${config.connections} writers...`);
      await closedLoop(config.connections, config.warmupSeconds, op);
      const eventsBefore = await bench.db.prisma.event.count();
      statements.reset();
      const latencies = (await closedLoop(config.connections, config.durationSeconds, op)).sort((x, y) => x - y);
      const statementCount = statements.count;
      const events = (await bench.db.prisma.event.count()) - eventsBefore;
      rows.push({
        database: kind,
        op: 'M1',
        server,
        mutationsPerSecond: latencies.length / config.durationSeconds,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        statementsPerMutation: statementCount / latencies.length,
        eventsPerMutation: events / latencies.length,
      });
    }

    // C1000: one create with 1,000 nested comments (the default limit of nested entries), one at a time.
    const comments = Array.from({ length: 1000 }, (_, i) => ({ body: `comment ${i}` }));
    const ours1000 = async () => void (await gql(M1, { input: { title: `big ${n++}`, workspaceId, comments } }));
    const baseline1000 = () => baselineC1000(bench, workspaceId, comments.map((c) => c.body));
    for (const [server, op, statements] of [['ours', ours1000, bench.appStatements], ['baseline', baseline1000, bench.sql.statements]] as const) {
      if (!OPS.includes('C1000')) break;
      note(`${kind} C1000 ${server}: ${C1000_RUNS} runs...`);
      await op();
      const eventsBefore = await bench.db.prisma.event.count();
      statements.reset();
      const latencies: number[] = [];
      for (let run = 0; run < C1000_RUNS; run++) {
        const started = performance.now();
        await op();
        latencies.push(performance.now() - started);
      }
      latencies.sort((x, y) => x - y);
      const events = (await bench.db.prisma.event.count()) - eventsBefore;
      rows.push({
        database: kind, op: 'C1000', server, mutationsPerSecond: C1000_RUNS / (latencies.reduce((sum, ms) => sum + ms, 0) / 1000),
        p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99),
        statementsPerMutation: statements.count / C1000_RUNS, eventsPerMutation: events / C1000_RUNS,
      });
    }
    return rows;
  } finally {
    await bench.dispose();
  }
}

const C1000_RUNS = 5;
/** BENCH_OPS: which operations to run (comma list; default M1,C1000), e.g. one alone under a profiler. */
const OPS = (process.env.BENCH_OPS ?? 'M1,C1000').split(',').map((op) => op.trim());
const unknownOps = OPS.filter((op) => op !== 'M1' && op !== 'C1000');
if (unknownOps.length > 0) throw new Error(`BENCH_OPS: unknown operation(s) ${unknownOps.join(', ')}; use M1, C1000 or both (comma-separated).`);

/** An item and its 1,000 comments with plain SQL in one transaction: two multi-row INSERTs. */
async function baselineC1000(bench: BenchDatabase, workspaceId: string, bodies: readonly string[]): Promise<void> {
  const now = new Date();
  const item = uuidv7();
  await bench.sql.transaction(async (query) => {
    await query(
      'INSERT INTO "Item" (id, version, "createdAt", "updatedAt", title, priority, status, "workspaceId") VALUES ($1, 1, $2, $2, $3, 0, \'OPEN\', $4)',
      [item, now, `big ${item}`, workspaceId],
    );
    await query(
      'INSERT INTO "Comment" (id, version, "createdAt", "updatedAt", body, "itemId") SELECT id, 1, $2, $2, body, $3 FROM unnest($1::uuid[], $4::text[]) AS t(id, body)',
      [bodies.map(() => uuidv7()), now, item, bodies],
    );
  });
}

/** The same rows as M1 in one transaction with plain SQL: the item, its 2 comments, the 2 links. */
async function baselineM1(bench: BenchDatabase, workspaceId: string, [a, b]: readonly [string, string]): Promise<void> {
  const now = new Date();
  const item = uuidv7();
  await bench.sql.transaction(async (query) => {
    await query(
      'INSERT INTO "Item" (id, version, "createdAt", "updatedAt", title, priority, status, "workspaceId") VALUES ($1, 1, $2, $2, $3, 0, \'OPEN\', $4)',
      [item, now, `item ${item}`, workspaceId],
    );
    await query(
      'INSERT INTO "Comment" (id, version, "createdAt", "updatedAt", body, "itemId") VALUES ($1, 1, $3, $3, \'one\', $4), ($2, 1, $3, $3, \'two\', $4)',
      [uuidv7(), uuidv7(), now, item],
    );
    await query(
      'INSERT INTO "ItemMember" (id, version, "createdAt", "updatedAt", role, "addedAt", "itemId", "memberId") ' +
        'VALUES ($1, 1, $3, $3, \'ADMIN\', $3, $4, $5), ($2, 1, $3, $3, \'EDITOR\', $3, $4, $6)',
      [uuidv7(), uuidv7(), now, item, a, b],
    );
  });
}

function formatTable(rows: readonly Row[]): string {
  const header = ['database', 'op', 'server', 'mutations/s', 'p50 ms', 'p99 ms', 'stmts/mutation', 'events/mutation', 'ours/baseline'];
  const lines = rows.map((row) => {
    const base = rows.find((r) => r.database === row.database && r.op === row.op && r.server === 'baseline');
    const ratio = row.server === 'ours' && base ? `${(row.mutationsPerSecond / base.mutationsPerSecond).toFixed(2)}x` : '';
    return [row.database, row.op, row.server, row.mutationsPerSecond.toFixed(1), row.p50Ms.toFixed(1), row.p99Ms.toFixed(1),
      row.statementsPerMutation.toFixed(2), row.eventsPerMutation.toFixed(2), ratio];
  });
  return formatColumns(header, lines, 2);
}

runBench('write', benchDatabase, formatTable);
