import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

/** Shorter keys could be guessed offline from any cursor, which carries a signature. */
const MIN_SECRET_BYTES = 16;

let perProcess: KeyObject | undefined;

/**
 * The key that signs list cursors: `secret` when given, else the environment's
 * CURSOR_SECRET (empty counts as unset), else a random key made once per
 * process. With the random key, cursors do not survive a restart and one
 * instance refuses another's, so deployments with several instances (or that
 * want cursors to outlive a restart) set CURSOR_SECRET.
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
