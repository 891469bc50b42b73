import { DEFAULT_SCHEMA_LIMITS, type SchemaLimits } from '../../graphql/context';

/**
 * The server's limits: the defaults overridden by `given`. Every value must
 * be a positive integer (a safe one: `Infinity` is not a way to turn a limit
 * off) and the default page size at most the largest; a misuse throws a
 * TypeError naming every bad option at once.
 */
export function normalizeLimits(given: Partial<SchemaLimits> = {}): SchemaLimits {
  const limits: SchemaLimits = { ...DEFAULT_SCHEMA_LIMITS };
  const problems: string[] = [];
  for (const [name, value] of Object.entries(given) as [keyof SchemaLimits, unknown][]) {
    if (value === undefined) continue;
    if (!(name in DEFAULT_SCHEMA_LIMITS)) {
      problems.push(`limits.${name} is not a limit; known: ${Object.keys(DEFAULT_SCHEMA_LIMITS).join(', ')}.`);
    } else if (!Number.isSafeInteger(value) || (value as number) < 1) {
      problems.push(`limits.${name} must be a positive integer but got: ${String(value)}.`);
    } else {
      (limits as Record<keyof SchemaLimits, number>)[name] = value as number;
    }
  }
  if (problems.length === 0 && limits.defaultPageSize > limits.maxPageSize) {
    problems.push(`limits.defaultPageSize must be at most limits.maxPageSize (${limits.maxPageSize}) but got: ${limits.defaultPageSize}.`);
  }
  if (problems.length > 0) throw new TypeError(`Invalid server limits:\n- ${problems.join('\n- ')}`);
  return limits;
}
