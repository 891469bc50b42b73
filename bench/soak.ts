/**
 * `npm run bench:soak`: a short, bounded soak over loopback. The reference
 * app with its demo data serves a mix of requests from 10, then 50,
 * concurrent connections (BENCH_DURATION seconds each): a nested create
 * (an item with 2 comments and 2 members, as a member), an update of one hot
 * item without expectedVersion (every writer queues on its stream head), a
 * nested read of one item, and a page of the event log (both anonymous).
 * It reports throughput, p50 / p99, responses by HTTP status, and every
 * error code met; a masked "Unexpected error." counts on its own (it must
 * stay 0: overload answers SERVICE_UNAVAILABLE, never that). On PGlite, and
 * on PostgreSQL with DATABASE_URL. Writes bench/results/soak-*.json.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { appAuthenticator } from '../src/app/authentication';
import { createApp } from '../src/app/create-app';
import { seedDemoData } from '../src/app/seed';
import { signToken } from '../src/server/auth/sign-token';
import type { BenchConfig, DatabaseKind } from './config';
import { openBenchDatabase } from './database';
import { serve } from './http-server';
import { note } from './progress';
import { formatColumns } from './report';
import { runBench } from './run';
import type { SoakRequest, SoakResult } from './soak-worker';

const SECRET = new TextEncoder().encode('soak-secret-of-the-soak-benchmark-0123456789');
const CONNECTIONS = [10, 50];

interface Row extends SoakResult {
  readonly database: DatabaseKind;
  readonly connections: number;
}

async function soakDatabase(kind: DatabaseKind, config: BenchConfig): Promise<Row[]> {
  note(`\n== ${kind}`);
  const bench = await openBenchDatabase(kind, config.postgresUrl);
  try {
    note(`Database: ${bench.where}; seeding the demo data...`);
    const app = createApp(bench.db, { authenticate: appAuthenticator({ secret: SECRET }), logger: { error: () => {}, info: () => {} } });
    await seedDemoData({ prisma: bench.db.prisma, sql: bench.db.sql, domain: app.domain, metadata: { actor: null, correlationId: 'seed' } });
    const ada = await bench.db.prisma.member.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
    const grace = await bench.db.prisma.member.findUniqueOrThrow({ where: { email: 'grace@example.com' } });
    // An item Ada administers (the seed makes her ADMIN of the first one), updated by every writer.
    const hot = await bench.db.prisma.itemMember.findFirstOrThrow({ where: { memberId: ada.id, role: 'ADMIN' } });
    const workspace = await bench.db.prisma.workspace.findFirstOrThrow({ where: { name: 'Platform' } });
    const asAda = { authorization: `Bearer ${await signToken(SECRET, { sub: ada.id, expiresIn: '1h' })}` };
    const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
    const requests: SoakRequest['requests'] = [
      { headers: asAda, body: body(
        'mutation($input: CreateItemInput!) { createItem(input: $input) { result { id comments { body } members { name } } errors { code } } }',
        { input: { title: 'soak', workspaceId: workspace.id, comments: [{ body: 'one' }, { body: 'two' }], members: [{ id: ada.id, role: 'ADMIN' }, { id: grace.id }] } },
      ) },
      { headers: asAda, body: body('mutation($id: ID!) { updateItem(id: $id, input: { priority: 3 }) { result { version } errors { code } } }', { id: hot.itemId }) },
      { headers: {}, body: body('query($id: ID!) { item(id: $id) { title workspace { name } comments { body } members { name } } }', { id: hot.itemId }) },
      { headers: {}, body: body('{ events(first: 20) { edges { node { id action } } } }') },
    ];
    const server = await serve(app.server);
    const rows: Row[] = [];
    try {
      for (const connections of CONNECTIONS) {
        note(`${kind}: ${connections} connections, ${config.durationSeconds} s...`);
        const result = await runSoak({ url: server.url, requests, connections, durationSeconds: config.durationSeconds });
        rows.push({ database: kind, connections, ...result });
        await server.idle();
      }
    } finally {
      await server.close();
    }
    return rows;
  } finally {
    await bench.dispose();
  }
}

function runSoak(request: SoakRequest): Promise<SoakResult> {
  const child = fork(join(__dirname, 'soak-worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (message: SoakResult | { error: string }) => ('error' in message ? reject(new Error(message.error)) : resolve(message)));
    child.once('error', reject);
    child.send(request);
  });
}

const list = (counts: Record<string, number>) => Object.entries(counts).sort().map(([k, n]) => `${k}:${n}`).join(' ') || '-';

function formatTable(rows: readonly Row[]): string {
  return formatColumns(
    ['database', 'connections', 'req/s', 'p50 ms', 'p99 ms', 'HTTP statuses', 'error codes', 'unexpected', 'conn errors'],
    rows.map((r) => [r.database, String(r.connections), r.requestsPerSecond.toFixed(1), String(r.p50Ms), String(r.p99Ms), list(r.statuses), list(r.codes), String(r.unexpected), String(r.connectionErrors + r.timeouts)]),
    1,
  );
}

runBench('soak', soakDatabase, formatTable);
