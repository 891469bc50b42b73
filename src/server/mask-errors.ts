import { GraphQLError } from 'graphql';
import { uuidv7 } from '../events/uuidv7';

export type Logger = Pick<Console, 'error' | 'info'>;

/**
 * Client-facing errors (GraphQLError without an original error) pass through;
 * anything else is an unexpected failure: logged with an id and replaced by
 * "Unexpected error." carrying that id, so no internal detail leaks.
 */
export function createErrorMasker(logger: Logger) {
  return (error: unknown): Error => {
    const original = error instanceof GraphQLError ? error.originalError : error;
    if (error instanceof GraphQLError && (!original || original instanceof GraphQLError)) return error;
    const errorId = uuidv7();
    logger.error(`[error ${errorId}]`, original);
    return new GraphQLError('Unexpected error.', {
      ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    });
  };
}
