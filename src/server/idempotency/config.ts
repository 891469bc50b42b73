import { ConfigurationError } from '../../util/configuration-error';

/** Longest a key may be kept: 30 days. */
const MAX_TTL_HOURS = 720;

/**
 * `IDEMPOTENCY_KEY_TTL_HOURS`: how long an idempotency key and its response
 * are kept, in whole hours from 1 to 720 (default: the server's, 24 h).
 * Returns seconds, or undefined when unset.
 */
export function idempotencyTtlFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const text = env.IDEMPOTENCY_KEY_TTL_HOURS?.trim();
  if (!text) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_TTL_HOURS) {
    throw new ConfigurationError(`IDEMPOTENCY_KEY_TTL_HOURS must be a whole number of hours from 1 to ${MAX_TTL_HOURS} (e.g. 24) but got: ${JSON.stringify(env.IDEMPOTENCY_KEY_TTL_HOURS)}.`);
  }
  return Number(text) * 3600;
}
