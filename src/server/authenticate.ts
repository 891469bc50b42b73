/**
 * Finds the actor of a request. A deployment plugs in its own; the default
 * reads `Authorization: Bearer <actor id>` (the reference app's demo scheme,
 * where the token is a member id). Returns null for an anonymous request.
 */
export type Authenticate = (request: Request) => Promise<string | null> | string | null;

export const bearerActor: Authenticate = (request) => {
  const header = request.headers.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1]! : null;
};
