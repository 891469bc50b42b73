import type { ServerOptions } from 'node:http';
import { ConfigurationError } from '../../util/configuration-error';
import { wholeNumberSetting } from '../../util/whole-number-setting';

/**
 * How long Node's HTTP server lets a client take, so that slow or silent
 * clients cannot hold sockets open and pile them up:
 * - `headersTimeoutMs`: from the connection (or the previous response) until
 *   the request's headers are complete; a client that sends them byte by
 *   byte, or stops half-way, is disconnected (408) after this;
 * - `requestTimeoutMs`: until the whole request, body included, has arrived
 *   (not how long the server may take to answer);
 * - `keepAliveTimeoutMs`: how long an idle keep-alive connection stays open
 *   waiting for the next request. Behind a load balancer that reuses
 *   connections, set it above the balancer's idle timeout, so the balancer
 *   is the one that closes them (otherwise it may send a request on a socket
 *   this server is closing: a 502).
 */
export interface HttpTimeouts {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 };

/** Largest accepted value: a day, far above any sensible timeout, and safe for `setTimeout`. */
const MAX_TIMEOUT_MS = 86_400_000;

/**
 * Node checks the headers and request timeouts on a timer (every 30 s by
 * default), so a timeout is enforced up to that much late; checking at least
 * every second (or every `headersTimeoutMs`, when shorter) keeps them close
 * to what is configured, at the cost of one pass over open connections.
 */
const MAX_CHECK_INTERVAL_MS = 1000;

/**
 * Reads `HTTP_HEADERS_TIMEOUT_MS`, `HTTP_REQUEST_TIMEOUT_MS` and
 * `HTTP_KEEP_ALIVE_TIMEOUT_MS` (each a whole number of milliseconds, 1 to
 * 86,400,000; unset or blank: the default). The headers timeout may not
 * exceed the request timeout (the headers are part of the request). Every
 * problem is named at once, in a ConfigurationError.
 */
export function httpTimeoutsFromEnv(env: NodeJS.ProcessEnv = process.env): HttpTimeouts {
  const problems: string[] = [];
  const read = (name: string, fallback: number): number => {
    const setting = wholeNumberSetting(name, env[name], { unit: 'milliseconds', min: 1, max: MAX_TIMEOUT_MS, fallback });
    if ('value' in setting) return setting.value;
    problems.push(setting.problem);
    return fallback;
  };
  const timeouts: HttpTimeouts = {
    headersTimeoutMs: read('HTTP_HEADERS_TIMEOUT_MS', DEFAULT_HTTP_TIMEOUTS.headersTimeoutMs),
    requestTimeoutMs: read('HTTP_REQUEST_TIMEOUT_MS', DEFAULT_HTTP_TIMEOUTS.requestTimeoutMs),
    keepAliveTimeoutMs: read('HTTP_KEEP_ALIVE_TIMEOUT_MS', DEFAULT_HTTP_TIMEOUTS.keepAliveTimeoutMs),
  };
  if (problems.length === 0 && timeouts.headersTimeoutMs > timeouts.requestTimeoutMs) {
    problems.push(
      `HTTP_HEADERS_TIMEOUT_MS (${timeouts.headersTimeoutMs}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${timeouts.requestTimeoutMs}): the headers are part of the request.`,
    );
  }
  if (problems.length > 0) throw new ConfigurationError(problems.join(' '));
  return timeouts;
}

/** The options of `http.createServer` that enforce `timeouts`. */
export function httpServerOptions(timeouts: HttpTimeouts): ServerOptions {
  return {
    headersTimeout: timeouts.headersTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    keepAliveTimeout: timeouts.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(MAX_CHECK_INTERVAL_MS, timeouts.headersTimeoutMs),
  };
}
