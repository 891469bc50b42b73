import { GraphQLError } from 'graphql';

/** Seconds a refused client is asked to wait before retrying. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Whether `error` says the database had no room for the request, rather than
 * that anything was wrong with it:
 * - Prisma's P2028: an interactive transaction could not start in time (every
 *   pooled connection busy for longer than its `maxWait`) or outlived its
 *   `timeout` (the database too slow to finish the write);
 * - `pg`'s pool: no connection freed within `connectionTimeoutMillis`
 *   (src/db/client.ts), for the direct reads.
 * `cause` chains are followed a few steps, as for query timeouts.
 */
export function isOverload(error: unknown): boolean {
  let current = error;
  for (let step = 0; step < 5 && typeof current === 'object' && current !== null; step++) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (code === 'P2028') return true;
    if (typeof message === 'string' && /timeout exceeded when trying to connect|Unable to start a transaction in the given time/.test(message)) return true;
    current = cause;
  }
  return false;
}

/** SERVICE_UNAVAILABLE with HTTP 503 and `Retry-After`: the request was fine, the server is busy; nothing was written. */
export function overloadError(at: { nodes?: GraphQLError['nodes']; path?: GraphQLError['path'] }): GraphQLError {
  return new GraphQLError('The server is too busy to run this now (no database connection came free in time); nothing was written. Retry shortly.', {
    nodes: at.nodes,
    path: at.path,
    extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } } },
  });
}
