import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ConnectionCounts } from '../../db/client';
import { BoundedLabels } from './bounded-labels';

/** One GraphQL request as the metrics count it. */
export interface RequestSample {
  /** Operation name, `anonymous` without one, `batch` for a batched request. */
  readonly operation: string;
  /** `query`, `mutation`, `subscription`, `mixed` (a batch of both) or `unknown` (never parsed). */
  readonly type: string;
  readonly outcome: 'ok' | 'error';
  readonly durationSeconds: number;
  readonly errorCodes: readonly string[];
}

/** Client-chosen operation names kept as labels; longer ones and any beyond the count are `other`. */
export const MAX_OPERATION_LABELS = 200;
export const MAX_OPERATION_LABEL_LENGTH = 64;
/** Error codes are the server's own, but bounded all the same. */
const MAX_CODE_LABELS = 100;

/**
 * The server's Prometheus metrics, on a registry of their own (never the
 * global one), so several servers in one process (tests) do not clash.
 * The pool gauge is read at scrape time.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly operations = new BoundedLabels(MAX_OPERATION_LABELS, MAX_OPERATION_LABEL_LENGTH);
  private readonly codes = new BoundedLabels(MAX_CODE_LABELS, MAX_OPERATION_LABEL_LENGTH);
  private readonly requests: Counter<'operation' | 'type' | 'outcome'>;
  private readonly durations: Histogram<'operation' | 'type' | 'outcome'>;
  private readonly errors: Counter<'code'>;
  private readonly events: Counter;

  constructor(connections: () => ConnectionCounts, options: { readonly processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'graphql_requests_total', help: 'GraphQL requests answered, by operation name, operation type and outcome.',
      labelNames: ['operation', 'type', 'outcome'], registers,
    });
    this.durations = new Histogram({
      name: 'graphql_request_duration_seconds', help: 'Time from receiving a GraphQL request to its response, in seconds.',
      labelNames: ['operation', 'type', 'outcome'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers,
    });
    this.errors = new Counter({
      name: 'graphql_errors_total', help: 'Error codes returned: top-level extensions.code and mutation payload errors[].code.',
      labelNames: ['code'], registers,
    });
    this.events = new Counter({ name: 'events_appended_total', help: 'Events appended to the event log by mutations.', registers });
    new Gauge({
      name: 'db_pool_connections', help: 'Database connections by state (total, idle, waiting for one), read at scrape time.',
      labelNames: ['state'], registers,
      collect() {
        const counts = connections();
        this.set({ state: 'total' }, counts.total);
        this.set({ state: 'idle' }, counts.idle);
        this.set({ state: 'waiting' }, counts.waiting);
      },
    });
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  /** Counts one answered GraphQL request. */
  observeRequest(sample: RequestSample): void {
    const labels = { operation: this.operations.of(sample.operation), type: sample.type, outcome: sample.outcome };
    this.requests.inc(labels);
    this.durations.observe(labels, sample.durationSeconds);
    for (const code of sample.errorCodes) this.errors.inc({ code: this.codes.of(code) });
  }

  /** Counts events a mutation appended (called once per successful unit of work). */
  eventsAppended(count: number): void {
    if (count > 0) this.events.inc(count);
  }
}
