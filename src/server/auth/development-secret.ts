import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../../db/client';
import type { DatabaseConfig } from '../../db/config';
import { keptServerSecret, readServerSecret } from '../../db/server-secrets';

/**
 * The HS256 secret a development server signs and verifies tokens with when
 * no key is configured: made once, then kept where the data is, so tokens
 * survive restarts and `npm run token` signs with the same one. In the
 * embedded database's folder (a file readable by its owner only) or, on
 * PostgreSQL, in the ServerSecret table (every instance on the database uses
 * the same). An in-memory database gets a new one per process. Never used
 * with NODE_ENV=production (see `tokenSettings`).
 */
const NAME = 'auth.development-secret';
const FILE = 'development-token-secret';

/** Where the development secret is kept, for messages. */
export const developmentSecretPlace = (config: DatabaseConfig): string =>
  config.kind === 'postgres' ? 'the database (table "ServerSecret")' : config.dataDir ? join(config.dataDir, FILE) : 'memory';

/** The development secret, made and stored on first use. */
export async function developmentSecret(db: Pick<Database, 'prisma'>, config: DatabaseConfig): Promise<string> {
  if (config.kind === 'postgres') return keptServerSecret(db, NAME);
  const existing = await readDevelopmentSecret(db, config);
  if (existing) return existing;
  const made = randomBytes(48).toString('base64url');
  if (config.dataDir) {
    await mkdir(config.dataDir, { recursive: true });
    await writeFile(join(config.dataDir, FILE), `${made}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    await chmod(join(config.dataDir, FILE), 0o600);
    return (await readDevelopmentSecret(db, config))!;
  }
  return made;
}

/** The stored development secret, or null when none was made yet (`db` is read only on PostgreSQL; the embedded folder's file is read directly). */
export async function readDevelopmentSecret(db: Pick<Database, 'prisma'> | null, config: DatabaseConfig): Promise<string | null> {
  if (config.kind === 'postgres') {
    if (!db) throw new Error('readDevelopmentSecret needs the database on PostgreSQL.');
    return readServerSecret(db, NAME);
  }
  if (!config.dataDir) return null;
  return readFile(join(config.dataDir, FILE), 'utf8').then(
    (text) => text.trim() || null,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    },
  );
}
