/**
 * One measurement: a (server, query) pair under load. A short unmeasured warm-up
 * first (JIT, caches, connection pool), then the measured run; SQL statements are
 * counted from the start of the measured run until the server has finished every
 * request it received, and divided by the requests it received.
 */
import type { BenchConfig } from './config';
import { runLoad } from './load';
import type { LoadResult } from './load-worker';
import { requestBody, type BenchQuery } from './queries';
import type { Target } from './target';

export interface Measurement extends LoadResult {
  readonly statementsPerRequest: number;
  /** Requests the server received during the measured run (including any the client cut off at the end). */
  readonly received: number;
  readonly statements: number;
}

export async function measure(target: Target, q: BenchQuery, expectBody: string, config: BenchConfig): Promise<Measurement> {
  const load = (durationSeconds: number) =>
    runLoad({ url: target.server.url, body: requestBody(q), expectBody, connections: config.connections, durationSeconds });

  await load(config.warmupSeconds);
  await target.server.idle();
  target.server.resetCount();
  target.statements.reset();

  const result = await load(config.durationSeconds);
  await target.server.idle();
  const received = target.server.received;
  const statements = target.statements.count;

  const failures = result.errors + result.timeouts + result.non2xx + result.mismatches;
  if (failures > 0 || result.completed === 0) {
    throw new Error(
      `${q.name} on ${target.name}: ${result.completed} responses, ${result.errors} errors, ${result.timeouts} timeouts, ` +
        `${result.non2xx} non-2xx, ${result.mismatches} bodies different from the verified one.`,
    );
  }
  return { ...result, received, statements, statementsPerRequest: received === 0 ? 0 : statements / received };
}
