import { GraphQLError } from 'graphql';
import { isUuid } from '../engine/query-errors';

/**
 * Finds the actor of a request: its id, or null for an anonymous request. A
 * deployment plugs in its own (e.g. verifying a signed session token); it may
 * throw `unauthenticated()` to refuse a request whose credentials are bad.
 */
export type Authenticate = (request: Request) => Promise<string | null> | string | null;

/**
 * The reference app's demo scheme: `Authorization: Bearer <member id>`. The
 * token is not a secret and is not checked against the members: a UUID that
 * names no member acts as a signed-in actor who is a member of nothing. A
 * header that is not `Bearer <UUID>` is refused (401, UNAUTHENTICATED) rather
 * than silently treated as anonymous.
 */
export const bearerActor: Authenticate = (request) => {
  const header = request.headers.get('authorization');
  if (header === null) return null;
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (!token || !isUuid(token)) throw unauthenticated('The Authorization header must be "Bearer <member id>" with a UUID.');
  return token.toLowerCase();
};

/** A refused request: HTTP 401 with code UNAUTHENTICATED, before any resolver runs. */
export const unauthenticated = (message: string): GraphQLError =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
