import { GraphQLError } from 'graphql';
import { InvalidQueryInput } from '../engine/query-errors';

/**
 * Turns an expected read failure into a client-facing GraphQL error with a
 * stable code and the argument path; anything else is rethrown (and masked).
 */
export function asGraphQLError(error: unknown): never {
  if (error instanceof InvalidQueryInput) {
    throw new GraphQLError(error.message, { extensions: { code: error.code, inputPath: error.path } });
  }
  throw error;
}

/** Runs a resolver body, converting expected failures. */
export async function guarded<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    return asGraphQLError(error);
  }
}
