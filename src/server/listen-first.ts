import { createServer, type RequestListener, type Server } from 'node:http';
import { ConfigurationError } from '../util/configuration-error';
import { answerHealth, pathOf, probeHeaders, READY_PATH } from './lifecycle/health';
import { DEFAULT_HTTP_TIMEOUTS, httpServerOptions, type HttpTimeouts } from './lifecycle/http-timeouts';
import { readinessBody } from './lifecycle/readiness';

/** The port or address cannot be had (in use, not allowed for this user, not this machine's): start-up stops before touching the database. */
export class PortUnavailableError extends ConfigurationError {
  override readonly name: string = 'PortUnavailableError';
}

/** An HTTP server that holds its port and answers 503 until `serve` gives it the app. */
export interface BoundServer {
  readonly http: Server;
  /** The port bound (the one picked by the system when asked for 0). */
  readonly port: number;
  /** The address bound as configured (HOST); `undefined`: every interface, Node's default. */
  readonly host: string | undefined;
  /** From now on, requests go to `handler`. */
  serve(handler: RequestListener): void;
}

/** PORT as a port number: an integer 0-65535 (0 picks a free one); default 4000. */
export function portFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.PORT?.trim() || '4000';
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new ConfigurationError(`PORT must be a port number (0-65535) but got ${JSON.stringify(env.PORT)}.`);
  return port;
}

export interface ListenOptions {
  /** Address to bind (see `hostFromEnv`); default every interface. */
  readonly host?: string;
  /** Limits on slow clients (see `HttpTimeouts`); default `DEFAULT_HTTP_TIMEOUTS`. */
  readonly timeouts?: HttpTimeouts;
}

/** What a request gets before `serve`: 503 with Retry-After (and on `/ready`, the reason as JSON). */
const answerStarting: RequestListener = (request, response) => {
  if (pathOf(request) === READY_PATH) {
    response.writeHead(503, { ...probeHeaders(), 'retry-after': '1' });
    response.end(readinessBody({ ready: false, reason: 'starting' }));
    return;
  }
  response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
  response.end('The server is starting (migrations, demo data); try again in a moment.\n');
};

/**
 * Binds `port` before anything slow or lasting is done (migrations, seeding),
 * so a port already taken fails at once with one line and leaves the
 * database untouched. Requests arriving before `serve` get 503 and a
 * Retry-After instead of waiting on a server that is still preparing
 * (`/ready` says `starting`); `/health` is answered 200 at every stage.
 */
export function listenFirst(port: number, options: ListenOptions = {}): Promise<BoundServer> {
  let handler: RequestListener = answerStarting;
  const timeouts = options.timeouts ?? DEFAULT_HTTP_TIMEOUTS;
  const http = createServer(httpServerOptions(timeouts), (request, response) => {
    if (!answerHealth(request, response)) handler(request, response);
  });
  // Also as properties: the options object does not set every one of them on every Node release.
  http.headersTimeout = timeouts.headersTimeoutMs;
  http.requestTimeout = timeouts.requestTimeoutMs;
  http.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  const host = options.host;
  return new Promise((resolve, reject) => {
    const refuse = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new PortUnavailableError(`Port ${port} is already in use: stop the other server or set PORT.`));
      else if (error.code === 'EACCES') reject(new PortUnavailableError(`Port ${port} is not allowed for this user: set PORT to another one (1024 or above).`));
      else if (error.code === 'EADDRNOTAVAIL') reject(new PortUnavailableError(`HOST ${host} is not an address of this machine: set HOST to one of its addresses, or unset it for every interface.`));
      else if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') reject(new PortUnavailableError(`HOST ${host} does not resolve to an address: set HOST to an IP address, or unset it for every interface.`));
      else reject(error);
    };
    http.once('error', refuse);
    http.listen({ port, ...(host === undefined ? {} : { host }) }, () => {
      http.off('error', refuse);
      const address = http.address();
      resolve({
        http,
        port: typeof address === 'object' && address ? address.port : port,
        host,
        serve: (app) => {
          handler = app;
        },
      });
    });
  });
}
