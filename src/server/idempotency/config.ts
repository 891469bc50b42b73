import { ConfigurationError } from '../../util/configuration-error';
import { wholeNumberSetting } from '../../util/whole-number-setting';

/** Longest a key may be kept: 30 days. */
const MAX_TTL_HOURS = 720;

/**
 * `IDEMPOTENCY_KEY_TTL_HOURS`: how long an idempotency key and its response
 * are kept, in whole hours from 1 to 720 (default: the server's, 24 h).
 * Returns seconds, or undefined when unset.
 */
export function idempotencyTtlFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (!env.IDEMPOTENCY_KEY_TTL_HOURS?.trim()) return undefined;
  const setting = wholeNumberSetting('IDEMPOTENCY_KEY_TTL_HOURS', env.IDEMPOTENCY_KEY_TTL_HOURS, { unit: 'hours', min: 1, max: MAX_TTL_HOURS, fallback: 24 });
  if ('problem' in setting) throw new ConfigurationError(setting.problem);
  return setting.value * 3600;
}
