import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { Database } from '../db/client';
import { keptServerSecret } from '../db/server-secrets';

/** Shorter keys could be guessed offline from any cursor, which carries a signature. */
const MIN_SECRET_BYTES = 16;

let perProcess: KeyObject | undefined;

/**
 * The key that signs list cursors: `secret` when given, else the environment's
 * CURSOR_SECRET (empty counts as unset), else a random key made once per
 * process (tests, embedded uses). A server started from the environment
 * passes `cursorSecretFor`'s, which outlives restarts and is shared by the
 * instances on one database.
 */
export function cursorSecretKey(secret?: string | Uint8Array, env: NodeJS.ProcessEnv = process.env): KeyObject {
  const given = secret ?? (env.CURSOR_SECRET || undefined);
  if (given === undefined) return (perProcess ??= createSecretKey(randomBytes(32)));
  const bytes = typeof given === 'string' ? Buffer.from(given, 'utf8') : Buffer.from(given);
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new Error(`The cursor secret (cursorSecret or CURSOR_SECRET) must be at least ${MIN_SECRET_BYTES} bytes long but has ${bytes.length}.`);
  }
  return createSecretKey(bytes);
}

/** The name of the cursor key kept in the database. */
const KEPT_NAME = 'cursors.signing-key';

/**
 * The cursor secret a server started from the environment uses: CURSOR_SECRET
 * when set, else a key made once and kept in the database, so that every
 * instance on one database (and every restart) accepts the others' cursors.
 */
export async function cursorSecretFor(db: Pick<Database, 'prisma'>, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return env.CURSOR_SECRET || keptServerSecret(db, KEPT_NAME);
}
