import type { Server } from 'node:http';
import { ConfigurationError } from '../../util/configuration-error';
import { wholeNumberSetting } from '../../util/whole-number-setting';
import type { Readiness } from './readiness';

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
const MAX_SHUTDOWN_TIMEOUT_MS = 3_600_000;

/** How often connections that finished their last response are looked for and closed while draining. */
const IDLE_SWEEP_MS = 100;

/** `SHUTDOWN_TIMEOUT_MS`: a whole number of milliseconds, 1 to 3,600,000; unset or blank: 10,000. */
export function shutdownTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const setting = wholeNumberSetting('SHUTDOWN_TIMEOUT_MS', env.SHUTDOWN_TIMEOUT_MS, {
    unit: 'milliseconds', min: 1, max: MAX_SHUTDOWN_TIMEOUT_MS, fallback: DEFAULT_SHUTDOWN_TIMEOUT_MS,
  });
  if ('problem' in setting) throw new ConfigurationError(setting.problem);
  return setting.value;
}

export interface DrainTarget {
  readonly http: Server;
  readonly readiness: Pick<Readiness, 'beginShutdown'>;
  readonly db: { close(): Promise<void> };
  /** Longest in-flight requests may take to finish before their connections are cut. */
  readonly timeoutMs: number;
}

export interface DrainOutcome {
  /** False when the timeout passed and the connections still open were cut. */
  readonly drained: boolean;
}

/**
 * Takes a serving instance out of service without cutting requests short:
 * 1. `/ready` answers 503 `shutting-down` from now on;
 * 2. the listening socket is closed: new connections are refused;
 * 3. idle keep-alive connections are closed at once, and every other one as
 *    soon as its request is answered (responses started from now on say
 *    `Connection: close`; ones already under way are closed once idle);
 * 4. when connections are still open after `timeoutMs`, they are cut;
 * 5. the database is closed (after the last request that could use it).
 * Resolves once all of that is done; the caller then exits.
 */
export async function drainAndClose({ http, readiness, db, timeoutMs }: DrainTarget): Promise<DrainOutcome> {
  readiness.beginShutdown();
  // First listener: runs before the app answers any request that arrives on a connection still open.
  http.prependListener('request', (_request, response) => response.setHeader('connection', 'close'));
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  http.closeIdleConnections();
  const sweep = setInterval(() => http.closeIdleConnections(), IDLE_SWEEP_MS);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), timeoutMs);
  });
  let drained = true;
  try {
    if ((await Promise.race([closed, timedOut])) === 'timed-out') {
      drained = false;
      http.closeAllConnections();
      await closed;
    }
  } finally {
    clearInterval(sweep);
    clearTimeout(timer);
    await db.close();
  }
  return { drained };
}
