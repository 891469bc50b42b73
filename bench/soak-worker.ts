/**
 * Child process of soak.ts: drives a mix of operations at one server with
 * autocannon and tallies every response by HTTP status and error code.
 *
 * Protocol: the parent sends one `SoakRequest`; this process answers with one
 * `SoakResult` (or `{ error }`) and exits.
 */
import autocannon from 'autocannon';

export interface SoakRequest {
  readonly url: string;
  /** Request bodies (JSON) and headers, sent in turn, round robin. */
  readonly requests: readonly { readonly body: string; readonly headers: Record<string, string> }[];
  readonly connections: number;
  readonly durationSeconds: number;
}

export interface SoakResult {
  readonly requestsPerSecond: number;
  readonly completed: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Responses by HTTP status. */
  readonly statuses: Record<string, number>;
  /** Error codes met: top-level `extensions.code`s and mutation payload `errors[].code`s. */
  readonly codes: Record<string, number>;
  /** Responses whose message was "Unexpected error." (a masked failure). */
  readonly unexpected: number;
  readonly connectionErrors: number;
  readonly timeouts: number;
}

const REQUEST_TIMEOUT_SECONDS = 30;

function tally(into: Record<string, number>, key: string): void {
  into[key] = (into[key] ?? 0) + 1;
}

async function soak(request: SoakRequest): Promise<SoakResult> {
  const statuses: Record<string, number> = {};
  const codes: Record<string, number> = {};
  let unexpected = 0;
  const onResponse = (status: number, body: string) => {
    tally(statuses, String(status));
    if (body.includes('Unexpected error.')) unexpected += 1;
    // Cheaper than parsing every body: the codes are the values of "code" keys.
    for (const match of body.matchAll(/"code":"([A-Z_]+)"/g)) tally(codes, match[1]!);
  };
  const result = await autocannon({
    url: request.url,
    method: 'POST',
    connections: request.connections,
    duration: request.durationSeconds,
    timeout: REQUEST_TIMEOUT_SECONDS,
    requests: request.requests.map(({ body, headers }) => ({
      method: 'POST' as const,
      body,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      onResponse,
    })),
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    completed: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    statuses,
    codes,
    unexpected,
    connectionErrors: result.errors,
    timeouts: result.timeouts,
  };
}

process.once('message', (request: SoakRequest) => {
  soak(request).then(
    (result) => process.send!(result, () => process.exit(0)),
    (error: unknown) => process.send!({ error: String(error) }, () => process.exit(1)),
  );
});
