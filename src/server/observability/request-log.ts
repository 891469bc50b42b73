import type { RequestObservation } from './request-observation';

/** The fields of a request's log line (`msg: "request"`). */
export interface RequestLogLine {
  readonly requestId: string;
  /** The id on the events the request appended (see `correlationIdOf`); null when its context was never built. */
  readonly correlationId: string | null;
  readonly method: string;
  /** The URL's path only: a GET request's query string holds the query and its variables. */
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  /** Operation name, `anonymous` without one, `batch` for a batched request; null when not a GraphQL request. */
  readonly operation: string | null;
  readonly operationType: string | null;
  /** `error` for an HTTP status of 400 or more or any error code in the response. */
  readonly outcome: 'ok' | 'error';
  readonly errorCodes: readonly string[];
  /** Member id, `service:<name>`, or null (anonymous, or credentials refused). */
  readonly actor: string | null;
  readonly eventsAppended: number;
}

/**
 * A request's log line. Built from what the observation kept, so it never
 * holds variables, query text, the Authorization header or a token.
 */
export function requestLogLine(request: Request, status: number, observation: RequestObservation): RequestLogLine {
  const codes = observation.errorCodes;
  return {
    requestId: observation.requestId,
    correlationId: observation.correlationId,
    method: request.method,
    path: new URL(request.url, 'http://localhost').pathname,
    status,
    durationMs: observation.durationMs(),
    operation: observation.operationLabel(),
    operationType: observation.operationType(),
    outcome: status >= 400 || codes.length > 0 ? 'error' : 'ok',
    errorCodes: codes,
    actor: observation.actor ?? null,
    eventsAppended: observation.eventsAppended,
  };
}
