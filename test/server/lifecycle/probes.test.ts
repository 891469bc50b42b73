import { createApp } from '../../../src/app/create-app';
import type { SqlReader } from '../../../src/db/sql-reader';
import { listenFirst, type BoundServer } from '../../../src/server/listen-first';
import { Readiness } from '../../../src/server/lifecycle/readiness';
import { openTestDatabase, type TestDatabase } from '../../support/database';

/**
 * `/health` is 200 with one body at every stage; `/ready` is 200 only once
 * the app serves, its database answers and it is not shutting down, and
 * otherwise 503 naming the reason.
 */

const get = async (bound: BoundServer, path: string) => {
  const response = await fetch(`http://127.0.0.1:${bound.port}${path}`);
  return { status: response.status, body: await response.text(), headers: response.headers };
};

describe('/health and /ready over HTTP', () => {
  let db: TestDatabase;
  let bound: BoundServer;
  let readiness: Readiness;
  beforeAll(async () => {
    db = await openTestDatabase();
    bound = await listenFirst(0);
  });
  afterAll(async () => {
    await new Promise((resolve) => bound.http.close(resolve));
    await db.dispose();
  });

  it('while starting: /health 200, /ready 503 "starting", everything else 503', async () => {
    expect(await get(bound, '/health')).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    const ready = await get(bound, '/ready');
    expect(ready).toMatchObject({ status: 503, body: '{"status":"unavailable","reason":"starting"}' });
    expect(ready.headers.get('content-type')).toMatch(/^application\/json/);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect((await get(bound, '/graphql')).status).toBe(503);
  });

  it('once serving: /health the same 200 body, /ready 200 while the database answers', async () => {
    readiness = new Readiness(db.sql);
    bound.serve(createApp(db, { readiness }).server);
    expect(await get(bound, '/health')).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    expect(await get(bound, '/health?probe=1')).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    const ready = await get(bound, '/ready');
    expect(ready).toMatchObject({ status: 200, body: '{"status":"ready"}' });
    expect(ready.headers.get('cache-control')).toBe('no-store');
  });

  it('shutting down: /ready 503 "shutting-down" at once, /health still 200', async () => {
    readiness.beginShutdown();
    expect(await get(bound, '/ready')).toMatchObject({ status: 503, body: '{"status":"unavailable","reason":"shutting-down"}' });
    expect((await get(bound, '/health')).status).toBe(200);
  });

  it('database gone: /ready 503 "database" on the very next poll', async () => {
    const other = await openTestDatabase();
    bound.serve(createApp(other, { readiness: new Readiness(other.sql) }).server);
    expect((await get(bound, '/ready')).status).toBe(200);
    await other.dispose();
    const ready = await get(bound, '/ready');
    expect(ready).toMatchObject({ status: 503, body: '{"status":"unavailable","reason":"database"}' });
    expect(ready.headers.get('retry-after')).toBe('1');
  });
});

describe('Readiness', () => {
  /** A database whose `SELECT 1` answers only when `answer` is called. */
  function heldDatabase() {
    let queries = 0;
    const waiting: Array<() => void> = [];
    const sql: SqlReader = {
      query: <R,>() => {
        queries++;
        return new Promise<R[]>((resolve) => waiting.push(() => resolve([{ '?column?': 1 } as R])));
      },
    };
    return { sql, queries: () => queries, answer: () => waiting.splice(0).forEach((resolve) => resolve()) };
  }

  it('calls a database that does not answer within the ping timeout unreachable', async () => {
    const held = heldDatabase();
    const started = Date.now();
    expect(await new Readiness(held.sql, 150).check()).toEqual({ ready: false, reason: 'database' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    held.answer();
  });

  it('shares one ping between checks that come while it is out, and pings again afterwards (nothing cached)', async () => {
    const held = heldDatabase();
    const readiness = new Readiness(held.sql, 5000);
    const checks = [readiness.check(), readiness.check(), readiness.check()];
    expect(held.queries()).toBe(1);
    held.answer();
    expect(await Promise.all(checks)).toEqual([{ ready: true }, { ready: true }, { ready: true }]);
    const next = readiness.check();
    expect(held.queries()).toBe(2);
    held.answer();
    expect(await next).toEqual({ ready: true });
  });

  it('says shutting-down when a drain begins while the ping is out', async () => {
    const held = heldDatabase();
    const readiness = new Readiness(held.sql, 5000);
    const check = readiness.check();
    readiness.beginShutdown();
    held.answer();
    expect(await check).toEqual({ ready: false, reason: 'shutting-down' });
  });

  it('names a failing query as the database', async () => {
    const failing: SqlReader = { query: () => Promise.reject(new Error('connection refused')) };
    expect(await new Readiness(failing).check()).toEqual({ ready: false, reason: 'database' });
  });
});
