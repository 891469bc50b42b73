import { isUuid } from '../engine/query-errors';
import { tokenAuthenticator } from '../server/auth/verify-token';
import type { TokenConfig } from '../server/auth/token-config';

/**
 * The reference app's credentials: a signed JWT whose `sub` is a member id
 * (or, with `role: "service"`, a service's name). A `sub` that is not a UUID
 * names no member and is refused. The member is not looked up: a token for a
 * member who was destroyed acts as a member of nothing until it expires.
 */
export const appAuthenticator = (config: TokenConfig) =>
  tokenAuthenticator(config, { actorOf: (sub) => (isUuid(sub) ? sub.toLowerCase() : null) });
