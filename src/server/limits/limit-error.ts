import { GraphQLError, type Source } from 'graphql';

/** Stable `extensions.code` of every refusal the request limits make. */
export type LimitCode =
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_COMPLEX'
  | 'TOO_MANY_ALIASES'
  | 'BATCH_TOO_LARGE'
  | 'REQUEST_TOO_LARGE'
  | 'INVALID_INPUT';

/** A place in the query text (gives the error its `locations`). */
export interface TextPosition {
  readonly source: Source;
  readonly position: number;
}

/**
 * A client-facing refusal, made before anything executes. `status` is the
 * HTTP status whatever the response media type (Yoga reads `extensions.http`
 * and leaves it out of the response); `extensions` adds facts the client can
 * act on, such as the measured value and the limit.
 */
export function limitError(
  code: LimitCode,
  message: string,
  status: 400 | 413,
  extensions: Record<string, unknown> = {},
  at?: TextPosition,
): GraphQLError {
  return new GraphQLError(message, {
    ...(at ? { source: at.source, positions: [at.position] } : {}),
    extensions: { code, ...extensions, http: { status } },
  });
}

/** 12345 -> "12,345", for messages. */
export const formatCount = (n: number): string => n.toLocaleString('en-US');
