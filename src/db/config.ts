import { isAbsolute, join, resolve } from 'node:path';

/** Where the database lives: an embedded PGlite folder, or a PostgreSQL server. */
export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string | undefined }
  | { kind: 'postgres'; url: string };

export const projectRoot = resolve(__dirname, '..', '..');

/** Where the configured database lives, for messages (never the URL: it may hold a password). */
export const describeDatabase = (config: DatabaseConfig): string =>
  config.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${config.dataDir}`;

/**
 * Reads the database settings from the environment:
 * `DATABASE_URL` (a PostgreSQL server; when set, PGlite is not used), otherwise
 * `DATA_DIR` (the PGlite folder, default `.data` in the project).
 */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: 'postgres', url };
  const dir = env.DATA_DIR?.trim() || '.data';
  return { kind: 'pglite', dataDir: isAbsolute(dir) ? dir : join(projectRoot, dir) };
}
