import type { SqlReader } from '../../db/sql-reader';

/** Why an instance is not ready, as `/ready` names it. */
export type NotReadyReason = 'starting' | 'database' | 'shutting-down';

export type ReadinessResult = { readonly ready: true } | { readonly ready: false; readonly reason: NotReadyReason };

/** Longest `/ready` waits for the database to answer `SELECT 1` before calling it unreachable. */
export const DATABASE_PING_TIMEOUT_MS = 2000;

/** The JSON body of a `/ready` answer: `{"status":"ready"}` or `{"status":"unavailable","reason":...}`. */
export function readinessBody(result: ReadinessResult): string {
  return JSON.stringify(result.ready ? { status: 'ready' } : { status: 'unavailable', reason: result.reason });
}

/**
 * Whether this serving instance should get traffic: not while it shuts down,
 * and only while its database answers a `SELECT 1` within
 * `pingTimeoutMs`. Nothing is cached: every check asks the database again,
 * so an outage shows on the next poll, and a recovery too. Checks that come
 * while a ping is out share it, so a flood of probes holds at most one
 * database connection. (Before the app serves, `listenFirst` answers
 * `starting` itself: migrations and seeding are not finished.)
 */
export class Readiness {
  #shuttingDown = false;
  #ping: Promise<unknown> | undefined;

  constructor(
    private readonly sql: SqlReader,
    private readonly pingTimeoutMs = DATABASE_PING_TIMEOUT_MS,
  ) {}

  /** From now on every check answers `shutting-down` (a drain has begun; it is never undone). */
  beginShutdown(): void {
    this.#shuttingDown = true;
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  async check(): Promise<ReadinessResult> {
    if (this.#shuttingDown) return { ready: false, reason: 'shutting-down' };
    const reachable = await this.#databaseAnswers();
    // A drain that began while the ping was out wins: the instance is leaving.
    if (this.#shuttingDown) return { ready: false, reason: 'shutting-down' };
    return reachable ? { ready: true } : { ready: false, reason: 'database' };
  }

  async #databaseAnswers(): Promise<boolean> {
    const ping = (this.#ping ??= this.sql.query('SELECT 1', []).finally(() => (this.#ping = undefined)));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.pingTimeoutMs);
    });
    try {
      return await Promise.race([ping.then(() => true, () => false), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
