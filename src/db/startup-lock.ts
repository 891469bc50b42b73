import { Client } from 'pg';
import type { DatabaseConfig } from './config';

/** The advisory lock's key (any constant; this one is "evgq" in ASCII). */
const STARTUP_LOCK_KEY = 0x65766771;

/**
 * Runs `work` as the only instance doing it on this database: on PostgreSQL
 * under a session advisory lock taken on a connection of its own (not the
 * pool's, so it is released on the connection that took it, and by the
 * server itself if this process dies), which instances starting together
 * wait for in turn. On PGlite the process is alone on its folder already
 * (see lockDataDir).
 */
export async function withStartupLock<T>(config: DatabaseConfig, work: () => Promise<T>): Promise<T> {
  if (config.kind !== 'postgres') return work();
  const client = new Client({ connectionString: config.url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    return await work();
  } finally {
    await client.end().catch(() => {});
  }
}
