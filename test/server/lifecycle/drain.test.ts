import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { createApp } from '../../../src/app/create-app';
import { listenFirst, type BoundServer } from '../../../src/server/listen-first';
import { drainAndClose, shutdownTimeoutFromEnv } from '../../../src/server/lifecycle/drain';
import { Readiness } from '../../../src/server/lifecycle/readiness';
import { openTestDatabase, type TestDatabase } from '../../support/database';

/**
 * Draining: requests in flight are answered, new connections refused, idle
 * keep-alive connections closed, whatever outlives the timeout cut, and the
 * database closed last.
 */

interface Served {
  bound: BoundServer;
  db: TestDatabase;
  readiness: Readiness;
  /** Resolves when a `/slow` request has reached the handler. */
  slowArrived: Promise<void>;
  /** Lets the `/slow` request be answered. */
  releaseSlow: () => void;
  /** What happened, in order: 'slow answered', 'db closed'. */
  events: string[];
}

/** The app on a test database, behind a handler that holds `/slow` until released. */
async function serveWithSlowRoute(): Promise<Served> {
  const db = await openTestDatabase();
  const readiness = new Readiness(db.sql);
  const app = createApp(db, { readiness }).server;
  const bound = await listenFirst(0);
  const events: string[] = [];
  let arrived!: () => void;
  const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
  let releaseSlow!: () => void;
  const released = new Promise<void>((resolve) => (releaseSlow = resolve));
  bound.serve((request, response) => {
    if (request.url !== '/slow') return void app(request, response);
    arrived();
    void released.then(() => {
      response.end('slow done', () => events.push('slow answered'));
    });
  });
  const close = db.close;
  const recorded: TestDatabase = { ...db, close: async () => { events.push('db closed'); await close(); } };
  return { bound, db: recorded, readiness, slowArrived, releaseSlow, events };
}

/** A GET on a keep-alive connection of `agent`: its status and body, or the error that ended it. */
function get(port: number, path: string, agent: Agent): Promise<{ status: number; body: string; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (response: IncomingMessage) => {
      // Kept now: once answered, the socket goes back to the agent and the response lets go of it.
      const socket = response.socket;
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, body, socket }));
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const closedSocket = (socket: Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));

describe('drainAndClose', () => {
  let served: Served;
  afterEach(async () => {
    served.releaseSlow();
    if (served.bound.http.listening) await new Promise((resolve) => served.bound.http.close(resolve));
    await served.db.dispose();
  });

  it('answers the request in flight, refuses new connections, closes idle keep-alive ones, then closes the database', async () => {
    served = await serveWithSlowRoute();
    const { bound } = served;
    const agent = new Agent({ keepAlive: true });
    const idle = await get(bound.port, '/ready', agent);
    expect(idle).toMatchObject({ status: 200, body: '{"status":"ready"}' });
    const slow = get(bound.port, '/slow', new Agent({ keepAlive: true }));
    await served.slowArrived;

    const drain = drainAndClose({ http: bound.http, readiness: served.readiness, db: served.db, timeoutMs: 10_000 });
    expect(await served.readiness.check()).toEqual({ ready: false, reason: 'shutting-down' });
    await expect(fetch(`http://127.0.0.1:${bound.port}/health`)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    // The idle keep-alive connection is closed without waiting for the slow request.
    await closedSocket(idle.socket);
    expect(served.events).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, 200));
    served.releaseSlow();
    expect(await slow).toMatchObject({ status: 200, body: 'slow done' });
    expect(await drain).toEqual({ drained: true });
    expect(served.events).toEqual(['slow answered', 'db closed']);
    await expect(served.db.sql.query('SELECT 1', [])).rejects.toThrow();
    agent.destroy();
  });

  it('cuts a request still running when the timeout passes, then closes the database', async () => {
    served = await serveWithSlowRoute();
    const slow = get(served.bound.port, '/slow', new Agent({ keepAlive: true }));
    const failed = slow.then(() => 'answered', (error: NodeJS.ErrnoException) => error.code ?? error.message);
    await served.slowArrived;
    const started = Date.now();
    const outcome = await drainAndClose({ http: served.bound.http, readiness: served.readiness, db: served.db, timeoutMs: 300 });
    expect(outcome).toEqual({ drained: false });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await failed).toBe('ECONNRESET');
    expect(served.events).toEqual(['db closed']);
  });

  it('ends at once when nothing is in flight', async () => {
    served = await serveWithSlowRoute();
    const started = Date.now();
    expect(await drainAndClose({ http: served.bound.http, readiness: served.readiness, db: served.db, timeoutMs: 10_000 })).toEqual({ drained: true });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(served.events).toEqual(['db closed']);
  });
});

describe('SHUTDOWN_TIMEOUT_MS', () => {
  it('defaults to 10000 and refuses anything but a whole number of milliseconds from 1 to 3600000', () => {
    expect(shutdownTimeoutFromEnv({})).toBe(10_000);
    expect(shutdownTimeoutFromEnv({ SHUTDOWN_TIMEOUT_MS: ' 2500 ' })).toBe(2500);
    for (const bad of ['0', '-1', '1.5', 'ten', '3600001']) {
      expect(() => shutdownTimeoutFromEnv({ SHUTDOWN_TIMEOUT_MS: bad })).toThrow(
        `SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds from 1 to 3600000 (e.g. 10000) but got: ${JSON.stringify(bad)}.`,
      );
    }
  });
});
