import { GraphQLError } from 'graphql';

/** SQLSTATE `query_canceled`: what PostgreSQL answers when `statement_timeout` cancels a statement. */
const QUERY_CANCELED = '57014';

/**
 * Whether `error` is a statement cancelled by the database, in any of the
 * shapes it reaches the server in:
 * - from `pg` directly (the direct reads, `Database.sql`): a DatabaseError
 *   with `code: '57014'`;
 * - through Prisma (writes, manual relationships): a
 *   PrismaClientKnownRequestError (its own code varies: P2010 for raw
 *   queries, P2039 for model queries) whose `meta.driverAdapterError.cause`
 *   holds `originalCode: '57014'`; or the DriverAdapterError itself.
 * `cause` chains are followed a few steps, for code that wraps errors.
 */
export function isQueryTimeout(error: unknown): boolean {
  let current = error;
  for (let step = 0; step < 5 && typeof current === 'object' && current !== null; step++) {
    const { code, originalCode, meta, cause } = current as { code?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: unknown }; cause?: unknown };
    if (code === QUERY_CANCELED || originalCode === QUERY_CANCELED) return true;
    const adapterError = meta?.driverAdapterError as { cause?: unknown } | undefined;
    current = adapterError?.cause ?? cause;
  }
  return false;
}

/**
 * The client-facing error for a cancelled statement: QUERY_TIMEOUT, with the
 * timeout when the server was told it, and what to do about it.
 */
export function queryTimeoutError(at: { nodes?: GraphQLError['nodes']; path?: GraphQLError['path'] }, statementTimeoutMs?: number): GraphQLError {
  const limit = statementTimeoutMs === undefined ? "the database's statement timeout" : `${statementTimeoutMs} ms`;
  return new GraphQLError(`The query took longer than ${limit} and was cancelled; ask for fewer records or a simpler filter.`, {
    nodes: at.nodes,
    path: at.path,
    extensions: { code: 'QUERY_TIMEOUT', ...(statementTimeoutMs === undefined ? {} : { statementTimeoutMs }) },
  });
}
