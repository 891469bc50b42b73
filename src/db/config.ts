import { ConfigurationError } from '../util/configuration-error';
import { wholeNumberSetting } from '../util/whole-number-setting';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where the database lives: an embedded PGlite folder, or a PostgreSQL server.
 * `statementTimeoutMs` (PostgreSQL only; default `DEFAULT_STATEMENT_TIMEOUT_MS`)
 * is the longest any one statement may run before the server cancels it, so
 * that no request can hold a pooled connection for long. PGlite cannot enforce
 * a timeout (it is single-user PostgreSQL in WASM: no signals, so
 * `statement_timeout` is accepted and ignored); there the cost limit is the guard.
 * `poolSize` (PostgreSQL only; default `DEFAULT_POOL_SIZE`) is how many
 * connections the server keeps; a request that waits longer than
 * `CONNECTION_WAIT_MS` for one is refused as overload (SERVICE_UNAVAILABLE).
 * `preparedStatements` (PostgreSQL only; default true): the direct reads and
 * the writes that are one statement are prepared per connection (see
 * src/db/sql-reader.ts); false for a connection pooler that cannot keep
 * prepared statements (PgBouncer in transaction mode before 1.21).
 */
export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string | undefined }
  | { kind: 'postgres'; url: string; statementTimeoutMs?: number; poolSize?: number; preparedStatements?: boolean };

export const DEFAULT_POOL_SIZE = 10;
/** Longest a request waits for a pooled connection before it is answered SERVICE_UNAVAILABLE. */
export const CONNECTION_WAIT_MS = 5000;

export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;

/** PostgreSQL's `statement_timeout` is a 32-bit count of milliseconds. */
const MAX_STATEMENT_TIMEOUT_MS = 2_147_483_647;

export const projectRoot = resolve(__dirname, '..', '..');

/** Where the configured database lives, for messages (never the URL: it may hold a password). */
export const describeDatabase = (config: DatabaseConfig): string =>
  config.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${config.dataDir}`;

/**
 * Reads the database settings from the environment:
 * `DATABASE_URL` (a PostgreSQL server; when set, PGlite is not used), otherwise
 * `DATA_DIR` (the PGlite folder, default `.data` in the project);
 * `STATEMENT_TIMEOUT_MS` (default 5000), checked even on PGlite, which ignores it,
 * so that a typo fails at start-up rather than when the server moves to PostgreSQL;
 * `DATABASE_PREPARED_STATEMENTS` (`on`, the default, or `off`).
 */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const statementTimeoutMs = statementTimeoutFromEnv(env.STATEMENT_TIMEOUT_MS);
  const poolSize = poolSizeFromEnv(env.DATABASE_POOL_SIZE);
  const preparedStatements = switchFromEnv('DATABASE_PREPARED_STATEMENTS', env.DATABASE_PREPARED_STATEMENTS, true);
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: 'postgres', url, statementTimeoutMs, poolSize, preparedStatements };
  const dir = env.DATA_DIR?.trim() || '.data';
  return { kind: 'pglite', dataDir: isAbsolute(dir) ? dir : join(projectRoot, dir) };
}

/** An `on` / `off` setting: `fallback` when unset or blank. */
function switchFromEnv(name: string, text: string | undefined, fallback: boolean): boolean {
  const trimmed = text?.trim().toLowerCase();
  if (!trimmed) return fallback;
  if (trimmed === 'on' || trimmed === 'off') return trimmed === 'on';
  throw new ConfigurationError(`${name} must be "on" or "off" but got: ${JSON.stringify(text)}.`);
}

/** `DATABASE_POOL_SIZE`: the default when unset or blank; an integer from 1 to 1000 otherwise. */
function poolSizeFromEnv(text: string | undefined): number {
  const setting = wholeNumberSetting('DATABASE_POOL_SIZE', text, { unit: 'connections', min: 1, max: 1000, fallback: DEFAULT_POOL_SIZE });
  if ('problem' in setting) throw new ConfigurationError(setting.problem);
  return setting.value;
}

/** `STATEMENT_TIMEOUT_MS` as a number of milliseconds: the default when unset or blank; throws when it is not a valid timeout. */
function statementTimeoutFromEnv(text: string | undefined): number {
  const trimmed = text?.trim();
  if (!trimmed) return DEFAULT_STATEMENT_TIMEOUT_MS;
  if (!/^\d+$/.test(trimmed)) {
    throw new ConfigurationError(`STATEMENT_TIMEOUT_MS must be a whole number of milliseconds (e.g. 5000) but got: ${JSON.stringify(text)}.`);
  }
  return checkStatementTimeout(Number(trimmed), 'STATEMENT_TIMEOUT_MS');
}

/** `value` when it is a usable statement timeout (an integer from 1 to 2,147,483,647 ms); throws a ConfigurationError naming `name` otherwise. */
export function checkStatementTimeout(value: unknown, name = 'statementTimeoutMs'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_STATEMENT_TIMEOUT_MS) {
    throw new ConfigurationError(
      `${name} must be a positive integer of milliseconds, at most ${MAX_STATEMENT_TIMEOUT_MS} (PostgreSQL's limit), but got: ${String(value)}.`,
    );
  }
  return value;
}
