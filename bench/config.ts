/**
 * Settings of `npm run bench:read`, from the environment (see README "Benchmarks").
 * Defaults keep the whole run to a few minutes on a 2-core machine.
 */
export type DatabaseKind = 'pglite' | 'postgres';

export interface BenchConfig {
  /** Databases to run on, in order. */
  readonly databases: readonly DatabaseKind[];
  /** PostgreSQL server on which a throw-away database is created (DATABASE_URL). */
  readonly postgresUrl: string | undefined;
  /** Seconds of measured load per (server, query). */
  readonly durationSeconds: number;
  /** Seconds of unmeasured load before each measured run. */
  readonly warmupSeconds: number;
  /** Concurrent HTTP connections of the load generator. */
  readonly connections: number;
}

/**
 * BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 2), BENCH_CONNECTIONS (default 10),
 * BENCH_DATABASES (comma list of pglite/postgres; default pglite, plus postgres when
 * DATABASE_URL is set).
 */
export function benchConfigFromEnv(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const postgresUrl = env.DATABASE_URL?.trim() || undefined;
  const databases = parseDatabases(env.BENCH_DATABASES, postgresUrl);
  if (databases.includes('postgres') && !postgresUrl) {
    throw new Error('BENCH_DATABASES includes postgres but DATABASE_URL is not set.');
  }
  return {
    databases,
    postgresUrl,
    durationSeconds: positiveNumber(env, 'BENCH_DURATION', 10),
    warmupSeconds: positiveNumber(env, 'BENCH_WARMUP', 2),
    connections: Math.round(positiveNumber(env, 'BENCH_CONNECTIONS', 10)),
  };
}

function parseDatabases(value: string | undefined, postgresUrl: string | undefined): DatabaseKind[] {
  if (!value?.trim()) return postgresUrl ? ['pglite', 'postgres'] : ['pglite'];
  const kinds = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const kind of kinds) {
    if (kind !== 'pglite' && kind !== 'postgres') throw new Error(`BENCH_DATABASES: unknown database "${kind}" (use pglite, postgres).`);
  }
  return kinds as DatabaseKind[];
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number but got: ${raw}.`);
  return value;
}
