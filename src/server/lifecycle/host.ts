import { isIP } from 'node:net';
import { ConfigurationError } from '../../util/configuration-error';

/**
 * A DNS host name (RFC 1123 labels): `localhost`, `api.internal`. The last
 * label may not be all digits (RFC 3696), so a mistyped address such as
 * `256.1.1.1` is refused instead of being looked up as a name.
 */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*(?![0-9]+$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * HOST: the address the server binds. Unset or blank: `undefined`, Node's
 * default, every interface (`::` with IPv4 too where the system has IPv6,
 * else `0.0.0.0`). Otherwise an IPv4 or IPv6 address (`0.0.0.0`,
 * `127.0.0.1`, `::1`) or a host name that resolves to one of this machine's
 * (`localhost`); anything else is refused at start-up.
 */
export function hostFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const text = env.HOST?.trim();
  if (!text) return undefined;
  const unbracketed = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (isIP(unbracketed) !== 0 || HOST_NAME.test(unbracketed)) return unbracketed;
  throw new ConfigurationError(
    `HOST must be an IP address (e.g. 0.0.0.0, 127.0.0.1, ::) or a host name (e.g. localhost) but got: ${JSON.stringify(env.HOST)}.`,
  );
}

/** Addresses that mean every interface: a browser on this machine reaches them as localhost. */
const EVERY_INTERFACE = new Set(['0.0.0.0', '::']);

/**
 * The host part of a URL that reaches a server bound to `host` from this
 * machine: `localhost` for every interface (or no HOST), an IPv6 address in
 * brackets, anything else as it is.
 */
export function urlHostFor(host: string | undefined): string {
  if (host === undefined || EVERY_INTERFACE.has(host)) return 'localhost';
  return isIP(host) === 6 ? `[${host}]` : host;
}
