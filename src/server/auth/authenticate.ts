import { GraphQLError } from 'graphql';
import { ANONYMOUS, type Principal } from '../../engine/principal';

/**
 * Finds who sends a request from its credentials, before anything else runs:
 * `ANONYMOUS` when it carries none. Throws `unauthenticated()` for credentials
 * that are present but not valid; a bad credential is never read as anonymous.
 */
export type Authenticate = (request: Request) => Promise<Principal> | Principal;

/**
 * A request refused for its credentials: HTTP 401 with code UNAUTHENTICATED
 * and `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750), before any
 * resolver runs or any statement is sent.
 */
export function unauthenticated(message: string): GraphQLError {
  const description = message.replace(/["\\]/g, "'");
  return new GraphQLError(message, {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"` } },
    },
  });
}

/** The bearer token of an Authorization header; null when there is no header; refused when the header is not `Bearer <token>`. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  if (header === null) return null;
  const token = /^Bearer +([A-Za-z0-9\-_.~+/]+=*) *$/i.exec(header)?.[1];
  if (!token) throw unauthenticated('The Authorization header must be "Bearer <token>", a signed JWT.');
  return token;
}

/** Accepts no credentials: every request is anonymous, and one that sends an Authorization header is refused. */
export const anonymousOnly: Authenticate = (request) => {
  if (bearerToken(request) !== null) throw unauthenticated('This server is configured to accept no tokens.');
  return ANONYMOUS;
};
