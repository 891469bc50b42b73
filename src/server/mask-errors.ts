import { GraphQLError } from 'graphql';
import { uuidv7 } from '../events/uuidv7';
import { isOverload, overloadError } from './overload';
import { isQueryTimeout, queryTimeoutError } from './query-timeout';

/**
 * Where the server logs: structured calls, the fields first and the message
 * after, as pino takes them (`createLogger`); `debug` may be left out.
 */
export interface Logger {
  error(fields: object, message: string): void;
  info(fields: object, message: string): void;
  debug?(fields: object, message: string): void;
}

export interface ErrorMaskerOptions {
  /** The database's statement timeout, named in QUERY_TIMEOUT messages when given. */
  readonly statementTimeoutMs?: number;
}

/**
 * Client-facing errors (GraphQLError without an original error) pass through.
 * A statement the database cancelled for running past its statement timeout
 * becomes QUERY_TIMEOUT: the client asked for too much (or the database was
 * too busy), which is neither a bug nor worth an error log; it is logged at
 * info level with its path. Overload (no connection or transaction in time)
 * becomes SERVICE_UNAVAILABLE with HTTP 503 and Retry-After, logged at info
 * level too. Anything else is an unexpected failure: logged (`err`, with its
 * stack) with an id and replaced by "Unexpected error." carrying that id, so no
 * internal detail leaks.
 */
export function createErrorMasker(logger: Logger, options: ErrorMaskerOptions = {}) {
  return (error: unknown): Error => {
    const original = error instanceof GraphQLError ? error.originalError : error;
    if (error instanceof GraphQLError && (!original || original instanceof GraphQLError)) return error;
    const at = error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {};
    if (isOverload(original)) {
      logger.info({ path: at.path?.join('.') ?? null }, '[overload] no database connection in time');
      return overloadError(at);
    }
    if (isQueryTimeout(original)) {
      logger.info({ path: at.path?.join('.') ?? null }, '[query timeout] a statement was cancelled by the statement timeout');
      return queryTimeoutError(at, options.statementTimeoutMs);
    }
    const errorId = uuidv7();
    logger.error({ errorId, err: original }, `[error ${errorId}] unexpected error`);
    return new GraphQLError('Unexpected error.', { ...at, extensions: { code: 'INTERNAL_SERVER_ERROR', errorId } });
  };
}
