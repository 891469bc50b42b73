/**
 * Serves a request listener (a Yoga instance) on a free local port and counts the
 * requests it receives, so statements per request can be computed on the server side.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingServer {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:41234/graphql */
  readonly url: string;
  /** Requests received since the last `resetCount()`. */
  readonly received: number;
  resetCount(): void;
  /** Resolves once no request is being handled (e.g. after a load run stops). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** A Node request listener. Yoga's returns a promise that settles once the request is handled. */
export type Listener = (req: IncomingMessage, res: ServerResponse) => unknown;

const IDLE_TIMEOUT_MS = 60_000;

export async function serve(listener: Listener): Promise<CountingServer> {
  let received = 0;
  let inFlight = 0;
  const waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    received += 1;
    inFlight += 1;
    const closed = new Promise<void>((resolve) => res.once('close', resolve));
    const handled = Promise.resolve(listener(req, res)).catch(() => {});
    // Done when the response is closed. If the client left before the response began, the
    // query may still be running: wait for the handler too. Not once writing began (the
    // query has run by then): whatwg-node waits forever for 'drain' on a socket destroyed
    // mid-write, so the handler of a cut-off large response never settles.
    void closed.then(() => (res.headersSent ? undefined : handled)).then(() => {
      inFlight -= 1;
      if (inFlight === 0) for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    get received() {
      return received;
    },
    resetCount: () => void (received = 0),
    idle: () => {
      if (inFlight === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        // Fail loudly rather than hang the whole run on a request that never ends.
        const timer = setTimeout(() => reject(new Error(`${inFlight} request(s) still running after ${IDLE_TIMEOUT_MS / 1000} s.`)), IDLE_TIMEOUT_MS);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
