import type { OperationTypeNode } from 'graphql';

/** One operation of a request: its name (null when unnamed) and type (null until its document parses). */
export interface SeenOperation {
  name: string | null;
  type: OperationTypeNode | null;
}

/**
 * What is learnt about one HTTP request while it is served, for its log line
 * and its metrics. Holds nothing the client sent beyond the operation names
 * and the request id: no variables, no query text, no Authorization header.
 */
export class RequestObservation {
  readonly startedAt = performance.now();
  /** One entry per GraphQL operation (several in a batch), keyed by its params. */
  readonly operations = new Map<object, SeenOperation>();
  /** `undefined` until the request's principal is known (its context was built). */
  actor: string | null | undefined = undefined;
  correlationId: string | null = null;
  /** Whether a GraphQL result was produced (not a GraphiQL page, a redirect or a scrape). */
  answeredGraphQL = false;
  errorCodes: string[] = [];
  eventsAppended = 0;

  constructor(readonly requestId: string) {}

  /** The operation label: its name, `anonymous` without one, `batch` for several; null when none was read. */
  operationLabel(): string | null {
    const operations = [...this.operations.values()];
    if (operations.length === 0) return null;
    if (operations.length > 1) return 'batch';
    return operations[0]!.name ?? 'anonymous';
  }

  /** `query` / `mutation` / `subscription`, `mixed` for a batch of several types, null when no document parsed. */
  operationType(): string | null {
    const types = new Set([...this.operations.values()].map((operation) => operation.type));
    if (types.size > 1) return 'mixed';
    return [...types][0] ?? null;
  }

  isMutation(): boolean {
    return [...this.operations.values()].some((operation) => operation.type === 'mutation');
  }

  durationMs(): number {
    return Math.round((performance.now() - this.startedAt) * 1000) / 1000;
  }
}
