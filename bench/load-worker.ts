/**
 * Child process of load.ts: runs autocannon against one server and sends back a
 * summary. The load generator lives in its own process so that, on a 2-core machine,
 * it does not share an event loop with the servers it measures.
 *
 * Protocol: the parent sends one `LoadRequest` message; this process answers with one
 * `LoadResult` (or `{ error }`) and exits.
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  readonly url: string;
  readonly body: string;
  /** Every response must have exactly this body; any other counts as a mismatch. */
  readonly expectBody: string;
  readonly connections: number;
  readonly durationSeconds: number;
}

export interface LoadResult {
  /** Completed requests per second over the whole run. */
  readonly requestsPerSecond: number;
  readonly completed: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Seconds the run took (autocannon's own clock). */
  readonly seconds: number;
  /** Connection errors, timeouts, non-2xx responses and bodies that differ from `expectBody`. */
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly mismatches: number;
}

const REQUEST_TIMEOUT_SECONDS = 60;

async function runLoad(request: LoadRequest): Promise<LoadResult> {
  const result = await autocannon({
    url: request.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: request.body,
    expectBody: request.expectBody,
    connections: request.connections,
    duration: request.durationSeconds,
    // Seconds per request before it counts as a timeout (an error). autocannon's default of
    // 10 s is within reach of Q1 on PGlite, which runs one statement at a time for all
    // 10 connections; a slow request should show in the latencies, not abort the run.
    timeout: REQUEST_TIMEOUT_SECONDS,
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    completed: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    seconds: result.duration,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: (result as { mismatches?: number }).mismatches ?? 0,
  };
}

process.once('message', (request: LoadRequest) => {
  runLoad(request).then(
    (result) => process.send!(result, () => process.exit(0)),
    (error: unknown) => process.send!({ error: String(error) }, () => process.exit(1)),
  );
});
