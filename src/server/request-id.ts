import { GraphQLError } from 'graphql';
import { uuidv7 } from '../events/uuidv7';
import { eventActorOf, type Principal } from '../engine/principal';

/** What a client's `x-request-id` may be: a short token, as proxies and tracing tools send. */
export const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The correlation id stored on every event of a request. A signed-in
 * client's `x-request-id` is kept under its own name (`<actor>/<id>`), so a
 * client groups its own requests but can never join another actor's group
 * or the server's own (`seed`); an anonymous request's id is not kept (any
 * anonymous client could send it), nor is a missing one: those get a new
 * UUIDv7. A header that is not a short token is refused (400, INVALID_INPUT).
 */
export function correlationIdOf(request: Request, principal: Principal): string {
  const given = request.headers.get('x-request-id');
  if (given === null) return uuidv7();
  if (!CLIENT_REQUEST_ID.test(given)) {
    throw new GraphQLError('The x-request-id header must be 1 to 64 letters, digits, ".", "_" or "-".', {
      extensions: { code: 'INVALID_INPUT', http: { status: 400 } },
    });
  }
  const owner = eventActorOf(principal);
  return owner === null ? uuidv7() : `${owner}/${given}`;
}
