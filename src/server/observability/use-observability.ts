import { getOperationAST, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { uuidv7 } from '../../events/uuidv7';
import { eventActorOf, type Principal } from '../../engine/principal';
import type { Authenticate } from '../auth/authenticate';
import type { Logger } from '../mask-errors';
import { CLIENT_REQUEST_ID } from '../request-id';
import { METRICS_PATH } from './metrics-endpoint';
import type { ServerMetrics } from './metrics';
import { RequestObservation } from './request-observation';
import { requestLogLine } from './request-log';
import { responseErrorCodes } from './response-error-codes';

/** Echoed on every response: the client's `x-request-id` when it is a short token, else a new UUIDv7. */
export const REQUEST_ID_HEADER = 'x-request-id';

export interface ObservabilityOptions {
  readonly logger: Logger;
  readonly metrics: ServerMetrics;
  /** Names the actor of a request that ended before its context was built (e.g. a query that failed validation). */
  readonly authenticate: Authenticate;
}

/** What the plugin adds to each request's context: the engine reports appended events through it. */
export interface ObservedContext {
  readonly onEventsAppended?: (count: number) => void;
}

/**
 * One structured log line per HTTP request (see `requestLogLine`) and the
 * request metrics (see `ServerMetrics`). Must come last among the plugins, so
 * its `onResponse` sees the final response (an idempotent replay's, say).
 * Scrapes of `/metrics` are logged at debug level only.
 */
export function useObservability(options: ObservabilityOptions): Plugin<ObservedContext> {
  const observations = new WeakMap<Request, RequestObservation>();
  const observationOf = (request: Request): RequestObservation => {
    let observation = observations.get(request);
    if (!observation) {
      const given = request.headers.get(REQUEST_ID_HEADER);
      observation = new RequestObservation(given !== null && CLIENT_REQUEST_ID.test(given) ? given : uuidv7());
      observations.set(request, observation);
    }
    return observation;
  };

  return {
    // Wraps every other hook, so the duration counts from the first one (GraphiQL's page, too).
    instrumentation: {
      request({ request }, wrapped) {
        observationOf(request);
        return wrapped();
      },
    },
    onParams({ request, params }) {
      observationOf(request).operations.set(params, { name: params.operationName ?? null, type: null });
    },
    onParse({ context }) {
      const { request, params } = context as { request?: Request; params?: { operationName?: string } };
      return ({ result }) => {
        if (!request || !params || !isDocument(result)) return;
        const operation = getOperationAST(result, params.operationName);
        if (!operation) return;
        observationOf(request).operations.set(params, { name: operation.name?.value ?? params.operationName ?? null, type: operation.operation });
      };
    },
    onContextBuilding({ context, extendContext }) {
      const observation = observationOf(context.request);
      extendContext({
        onEventsAppended: (count: number) => {
          observation.eventsAppended += count;
          options.metrics.eventsAppended(count);
        },
      } satisfies ObservedContext);
      return ({ context: built }) => {
        const { principal, metadata } = built as { principal?: Principal; metadata?: { correlationId?: string } };
        if (principal) observation.actor = eventActorOf(principal);
        if (metadata?.correlationId) observation.correlationId = metadata.correlationId;
      };
    },
    onResultProcess({ request, result }) {
      const observation = observationOf(request);
      observation.answeredGraphQL = true;
      const results: unknown[] = Array.isArray(result) ? result : [result];
      observation.errorCodes = results.flatMap((one) => responseErrorCodes(one, observation.isMutation()));
    },
    async onResponse({ request, response }) {
      const observation = observationOf(request);
      observations.delete(request);
      response.headers.set(REQUEST_ID_HEADER, observation.requestId);
      if (observation.actor === undefined) observation.actor = await actorOf(request, options.authenticate);
      const line = requestLogLine(request, response.status, observation);
      if (new URL(request.url, 'http://localhost').pathname === METRICS_PATH) options.logger.debug?.(line, 'request');
      else options.logger.info(line, 'request');
      if (observation.answeredGraphQL) {
        options.metrics.observeRequest({
          operation: observation.operationLabel() ?? 'anonymous',
          type: observation.operationType() ?? 'unknown',
          outcome: line.outcome,
          durationSeconds: line.durationMs / 1000,
          errorCodes: observation.errorCodes,
        });
      }
    },
  };
}

function isDocument(result: unknown): result is DocumentNode {
  return typeof result === 'object' && result !== null && (result as { kind?: unknown }).kind === 'Document';
}

/** The actor of a request whose context was never built: null without credentials or when they are refused. */
async function actorOf(request: Request, authenticate: Authenticate): Promise<string | null> {
  if (!request.headers.has('authorization')) return null;
  try {
    return eventActorOf(await authenticate(request));
  } catch {
    return null;
  }
}
