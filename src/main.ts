import { appAuthenticator } from './app/authentication';
import { createApp } from './app/create-app';
import { seedDemoDataOnce } from './app/seed';
import { openDatabase } from './db/client';
import { databaseConfigFromEnv, describeDatabase } from './db/config';
import { applyMigrations } from './db/migrate';
import { developmentSecret, developmentSecretPlace } from './server/auth/development-secret';
import { developmentTokenConfig, NO_KEYS_IN_PRODUCTION, tokenConfigFromEnv } from './server/auth/token-config';
import { ConfigurationError } from './util/configuration-error';
import { corsPolicyFromEnv } from './server/cors';
import { cursorSecretFor } from './server/cursor-secret';
import { idempotencyTtlFromEnv } from './server/idempotency/config';
import { persistedOperationsFromEnv } from './server/persisted-operations';
import { listenFirst, portFromEnv, PortUnavailableError } from './server/listen-first';
import { startupBanner, type TokenSource } from './server/startup-banner';
import { createLogger, logLevelFromEnv } from './server/observability/logger';
import { metricsTokenFromEnv } from './server/observability/metrics-endpoint';
import { drainAndClose, shutdownTimeoutFromEnv } from './server/lifecycle/drain';
import { hostFromEnv } from './server/lifecycle/host';
import { httpTimeoutsFromEnv } from './server/lifecycle/http-timeouts';
import { Readiness } from './server/lifecycle/readiness';
import { onShutdownSignals } from './server/lifecycle/shutdown-signals';

/**
 * `npm start`: check the settings, bind PORT (a port in use stops here, in one
 * line, before the database is touched; requests get 503 until the app
 * serves), open the database (PGlite in DATA_DIR, or DATABASE_URL), apply
 * migrations, seed demo data when the event log is empty (unless SEED=0),
 * serve GraphQL + GraphiQL at /graphql, and print the banner. Tokens
 * are verified with the configured keys; without any, a development server
 * signs its own (NODE_ENV=production refuses to start instead).
 * SIGTERM / SIGINT drain the server (see `drainAndClose`) and exit 0; a
 * second signal exits at once.
 */
async function main(): Promise<void> {
  const configuredTokens = tokenConfigFromEnv();
  if (!configuredTokens && process.env.NODE_ENV === 'production') throw new ConfigurationError(NO_KEYS_IN_PRODUCTION);
  const cors = corsPolicyFromEnv();
  const idempotencyTtlSeconds = idempotencyTtlFromEnv();
  const persistedOperations = persistedOperationsFromEnv();
  const logger = createLogger({ level: logLevelFromEnv() });
  const metricsToken = metricsTokenFromEnv();
  const config = databaseConfigFromEnv();
  const shutdownTimeoutMs = shutdownTimeoutFromEnv();
  const bound = await listenFirst(portFromEnv(), { host: hostFromEnv(), timeouts: httpTimeoutsFromEnv() });
  const db = await openDatabase(config);
  const readiness = new Readiness(db.sql);
  const applied = await applyMigrations(db);
  if (applied.length > 0) console.info(`Applied migrations: ${applied.join(', ')}`);

  const tokens = configuredTokens ?? developmentTokenConfig(await developmentSecret(db, config));
  const statementTimeoutMs = config.kind === 'postgres' ? config.statementTimeoutMs : undefined;
  const { domain, server } = createApp(db, {
    authenticate: appAuthenticator(tokens), cors, persistedOperations, cursorSecret: await cursorSecretFor(db), logger, readiness,
    ...(metricsToken === undefined ? {} : { metrics: { token: metricsToken } }),
    ...(statementTimeoutMs === undefined ? {} : { statementTimeoutMs }),
    ...(idempotencyTtlSeconds === undefined ? {} : { idempotency: { ttlSeconds: idempotencyTtlSeconds } }),
  });
  if (process.env.SEED !== '0') {
    const ctx = { prisma: db.prisma, sql: db.sql, domain, metadata: { actor: null, correlationId: 'seed' } };
    const count = await seedDemoDataOnce(ctx, config);
    if (count > 0) process.stdout.write(`Seeded demo data (${count} events).\n`);
  }

  bound.serve(server);
  const tokenSource: TokenSource = !configuredTokens
    ? { kind: 'development', secretPlace: developmentSecretPlace(config) }
    : configuredTokens.secret ? { kind: 'shared-secret' } : { kind: 'identity-provider' };
  process.stdout.write(startupBanner({ port: bound.port, host: bound.host, database: describeDatabase(config), tokens: tokenSource }));

  onShutdownSignals({
    drain: async (signal) => {
      console.info(`${signal}: draining (up to ${shutdownTimeoutMs} ms for requests in flight; again to exit at once)`);
      const { drained } = await drainAndClose({ http: bound.http, readiness, db, timeoutMs: shutdownTimeoutMs });
      console.info(drained ? 'Stopped: every request answered, database closed.' : `Stopped: connections still open after ${shutdownTimeoutMs} ms were cut; database closed.`);
    },
    exit: (code) => process.exit(code),
    log: (line) => console.error(line),
  });
}

main().catch((error: unknown) => {
  // A port that cannot be had is said in one line of its own; other settings after "Cannot start:".
  if (error instanceof PortUnavailableError) console.error(error.message);
  else console.error(error instanceof ConfigurationError ? `Cannot start: ${error.message}` : error);
  process.exit(1);
});
