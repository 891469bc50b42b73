import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app/create-app';
import type { Server } from '../../src/server/create-server';
import { openTestDatabase } from './database';
import { testAuthenticator } from './tokens';

export interface GraphQLResponse {
  status: number;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any>; path?: unknown[] }> };
}

/**
 * The reference app on a fresh migrated test database (PGlite, or PostgreSQL
 * when DATABASE_URL is set), with a helper that posts GraphQL over HTTP
 * in-process through `yoga.fetch`. `options` go to `createApp`; requests are
 * authenticated with tokens signed by TEST_TOKEN_SECRET (`signedInAs`).
 */
export async function startTestApp(options: Parameters<typeof createApp>[1] = {}) {
  /** SQL statements sent since the last `resetQueries()`. */
  const queries: string[] = [];
  const db = await openTestDatabase({ onQuery: (sql) => void queries.push(sql) });
  /** What the server logged as unexpected errors, for assertions. */
  const logged: unknown[][] = [];
  const app = createApp(db, { authenticate: testAuthenticator, logger: { error: (...args) => void logged.push(args), info: () => {} }, ...options });
  const gql = graphqlClient(app.server);

  /** Rows in the event log and every resource table: compare before and after a failed write. */
  async function counts() {
    const [events, workspaces, items, comments] = await Promise.all([
      db.prisma.event.count(),
      db.prisma.workspace.count(),
      db.prisma.item.count(),
      db.prisma.comment.count(),
    ]);
    return { events, workspaces, items, comments };
  }

  return { ...app, db, prisma: db.prisma, gql, counts, logged, queries, resetQueries: () => void queries.splice(0), dispose: () => db.dispose() };
}

/** Posts GraphQL to `server` over HTTP, in-process through `yoga.fetch`. */
export function graphqlClient(server: Server) {
  return async function gql(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
    const response = await server.fetch('http://test.local/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: await response.json() };
  };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** `server` listening on a free port of 127.0.0.1, for clients that need a real HTTP URL (a browser, the example client). */
export async function listenOnLoopback(server: Server): Promise<{ readonly url: string; close(): Promise<void> }> {
  const http = createServer(server);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`,
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };
}
