import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { GraphQLSchema } from 'graphql';
import { authorizationFor, TRUSTED } from '../engine/authorization';
import { readFilterProblems } from '../engine/check-read-filters';
import type { SqlReader } from '../db/sql-reader';
import type { PrismaClient } from '../generated/prisma/client';
import type { GraphQLContext, SchemaLimits } from '../graphql/context';
import { LoaderRegistry } from '../loaders/registry';
import { DomainDefinitionError, type Domain } from '../resource';
import { anonymousOnly, type Authenticate } from './auth/authenticate';
import { eventActorOf } from '../engine/principal';
import { corsOptionsFor, type CorsPolicy } from './cors';
import { cursorSecretKey } from './cursor-secret';
import { useErrorCodes } from './error-codes';
import { IdempotencyKeyStore } from './idempotency/key-store';
import { useIdempotency } from './idempotency/use-idempotency';
import { useBatchSizeLimit } from './limits/batch-size';
import { normalizeLimits } from './limits/normalize-limits';
import { useRequestSizeLimit } from './limits/request-size';
import { useInputScan } from './limits/use-input-scan';
import { Readiness } from './lifecycle/readiness';
import { useReadiness } from './lifecycle/use-readiness';
import { useOperationLimits } from './limits/use-operation-limits';
import { graphiqlPageOptions } from './graphiql/page-options';
import { offlineGraphiQLRenderer } from './graphiql/render-offline';
import { createErrorMasker, type Logger } from './mask-errors';
import { createLogger } from './observability/logger';
import { useMetricsEndpoint } from './observability/metrics-endpoint';
import { ServerMetrics } from './observability/metrics';
import { useObservability } from './observability/use-observability';
import type { ConnectionCounts } from '../db/client';
import { usePersistedOperationsOf, type PersistedOperationsOptions } from './persisted-operations';
import { correlationIdOf } from './request-id';
import { useRootRedirect } from './root-redirect';

export interface ServerOptions {
  readonly schema: GraphQLSchema;
  readonly domain: Domain;
  readonly prisma: PrismaClient;
  /** Direct SQL for the loaders and root lists (the same database as `prisma`). */
  readonly sql: SqlReader;
  /** Who sends each request (e.g. `tokenAuthenticator`); default `anonymousOnly`: every request is anonymous. */
  readonly authenticate?: Authenticate;
  /** Browser origins allowed to call the API; default none (no CORS headers). */
  readonly cors?: CorsPolicy;
  /**
   * Enforce the resources' policies (default true). `false` skips every
   * policy, as Ash's `authorize?: false`: for trusted callers and for tests
   * of other behaviour, never for a public endpoint.
   */
  readonly authorize?: boolean;
  /** Request limits (README, "Limits"); each must be a positive integer. */
  readonly limits?: Partial<SchemaLimits>;
  /** Where the request log lines and unexpected errors go; default `createLogger()` (pino, JSON to stdout, LOG_LEVEL). */
  readonly logger?: Logger;
  /** Prometheus metrics at `GET /metrics` (README, "Observability"): the pool's connections, and the bearer token a scrape must send (none: open). */
  readonly metrics?: { readonly connections?: () => ConnectionCounts; readonly token?: string };
  /** The database's statement timeout, named in QUERY_TIMEOUT messages (see `createErrorMasker`). */
  readonly statementTimeoutMs?: number;
  /** Signs list cursors; default: env CURSOR_SECRET, else random per process (see `cursorSecretKey`). */
  readonly cursorSecret?: string | Uint8Array;
  /** Idempotent retries (see useIdempotency): how long a key is kept (default 24 h) and how long a retry waits for the first request (default 10 s). */
  readonly idempotency?: { readonly ttlSeconds?: number; readonly waitMs?: number };
  /** Automatic persisted queries (default) or trusted documents only; see `PersistedOperationsOptions`. */
  readonly persistedOperations?: PersistedOperationsOptions;
  /** What `GET /ready` reports (see `Readiness`); default: a check of `sql` that never shuts down. */
  readonly readiness?: Readiness;
}

export const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const DEFAULT_IDEMPOTENCY_WAIT_MS = 10_000;

export type Server = YogaServerInstance<Record<string, never>, GraphQLContext>;

/**
 * The HTTP server: GraphQL and GraphiQL at `/graphql` (`/` redirects there). Each request gets its
 * own loaders, its principal (from `authenticate`: anonymous, an actor or a
 * trusted service, which skips every policy) and a correlation id (see
 * `correlationIdOf`). Persisted operations are looked up (or refused) first.
 * The limits are
 * enforced in this order, each before anything later is spent on the request:
 * body size (while reading it), batch size, query text and variables
 * (nesting, NUL), then depth / cost / aliases of the operation before it is
 * validated; execution and the database come last.
 */
export function createServer(options: ServerOptions): Server {
  const problems = readFilterProblems(options.domain);
  if (problems.length > 0) throw new DomainDefinitionError(problems);
  const authenticate = options.authenticate ?? anonymousOnly;
  const limits = normalizeLimits(options.limits);
  const logger = options.logger ?? createLogger();
  const metrics = new ServerMetrics(options.metrics?.connections ?? (() => ({ total: 0, idle: 0, waiting: 0 })));
  const cursorSecret = cursorSecretKey(options.cursorSecret);
  const persistedOperations = usePersistedOperationsOf(options.persistedOperations ?? { mode: 'automatic' }, options.schema);
  return createYoga<Record<string, never>, GraphQLContext>({
    schema: options.schema,
    graphqlEndpoint: '/graphql',
    // GraphiQL from the installed bundle (no CDN), opening on the example tabs.
    graphiql: graphiqlPageOptions,
    renderGraphiQL: offlineGraphiQLRenderer(),
    cors: corsOptionsFor(options.cors ?? { origins: [], allowLocalhost: false }),
    logging: false,
    maskedErrors: { maskError: createErrorMasker(logger, options.statementTimeoutMs === undefined ? {} : { statementTimeoutMs: options.statementTimeoutMs }) },
    // Ours replaces Yoga's body limit (same check, our error code); multipart is
    // only for file uploads, which the schema has none of.
    maxRequestBodySize: false,
    multipart: false,
    batching: { limit: limits.maxBatchSize },
    plugins: [
      // Load balancers' polls: answered before anything else is spent on the request.
      useReadiness(options.readiness ?? new Readiness(options.sql)),
      useRequestSizeLimit(limits.maxRequestBytes),
      useBatchSizeLimit(limits.maxBatchSize),
      // Before the scans: a persisted document is scanned like query text.
      persistedOperations,
      useInputScan(limits.maxNesting),
      useOperationLimits(limits),
      useErrorCodes(),
      useIdempotency({
        store: new IdempotencyKeyStore(options.sql, options.idempotency?.ttlSeconds ?? DEFAULT_IDEMPOTENCY_TTL_SECONDS),
        waitMs: options.idempotency?.waitMs ?? DEFAULT_IDEMPOTENCY_WAIT_MS,
      }),
      useRootRedirect('/graphql'),
      useMetricsEndpoint(metrics.registry, options.metrics?.token),
      // Last: its onResponse sees the final response.
      useObservability({ logger, metrics, authenticate }),
    ],
    context: async ({ request }) => {
      const principal = await authenticate(request);
      const correlationId = correlationIdOf(request, principal);
      const authorization = options.authorize === false || principal.kind === 'service'
        ? TRUSTED
        : authorizationFor(principal.kind === 'actor' ? principal.id : null);
      return {
        prisma: options.prisma,
        sql: options.sql,
        domain: options.domain,
        loaders: new LoaderRegistry(options.sql, options.prisma, options.domain, authorization),
        principal,
        metadata: { actor: eventActorOf(principal), correlationId },
        limits,
        cursorSecret,
        authorization,
      };
    },
  });
}
