import { createServer, type RequestListener, type Server } from 'node:http';
import { ConfigurationError } from '../util/configuration-error';

/** The port cannot be had (in use, or not allowed for this user): start-up stops before touching the database. */
export class PortUnavailableError extends ConfigurationError {
  override readonly name: string = 'PortUnavailableError';
}

/** An HTTP server that holds its port and answers 503 until `serve` gives it the app. */
export interface BoundServer {
  readonly http: Server;
  /** The port bound (the one picked by the system when asked for 0). */
  readonly port: number;
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

/**
 * Binds `port` before anything slow or lasting is done (migrations, seeding),
 * so a port already taken fails at once with one line and leaves the
 * database untouched. Requests arriving before `serve` get 503 and a
 * Retry-After instead of waiting on a server that is still preparing.
 */
export function listenFirst(port: number): Promise<BoundServer> {
  let handler: RequestListener = (_request, response) => {
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
    response.end('The server is starting (migrations, demo data); try again in a moment.\n');
  };
  const http = createServer((request, response) => handler(request, response));
  return new Promise((resolve, reject) => {
    const refuse = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new PortUnavailableError(`Port ${port} is already in use: stop the other server or set PORT.`));
      else if (error.code === 'EACCES') reject(new PortUnavailableError(`Port ${port} is not allowed for this user: set PORT to another one (1024 or above).`));
      else reject(error);
    };
    http.once('error', refuse);
    http.listen(port, () => {
      http.off('error', refuse);
      const address = http.address();
      resolve({
        http,
        port: typeof address === 'object' && address ? address.port : port,
        serve: (app) => {
          handler = app;
        },
      });
    });
  });
}
