/** How a whole-number setting is read: its bounds, its unit for messages, and its value when unset. */
export interface WholeNumberRule {
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** The value when the setting is unset or blank; also the example in the message. */
  readonly fallback: number;
}

/**
 * An environment setting that is a whole number from `min` to `max` (spaces
 * around it ignored): its value, `fallback` when unset or blank, or the
 * problem with it as a message naming the setting, its range and what was
 * given. Callers decide whether to throw it or collect it with others.
 */
export function wholeNumberSetting(name: string, text: string | undefined, rule: WholeNumberRule): { value: number } | { problem: string } {
  const trimmed = text?.trim();
  if (!trimmed) return { value: rule.fallback };
  const value = Number(trimmed);
  if (/^\d+$/.test(trimmed) && value >= rule.min && value <= rule.max) return { value };
  return {
    problem: `${name} must be a whole number of ${rule.unit} from ${rule.min} to ${rule.max} (e.g. ${rule.fallback}) but got: ${JSON.stringify(text)}.`,
  };
}
