/** Where a label value goes once the set is full or the value is too long. */
export const OTHER_LABEL = 'other';

/**
 * Label values chosen by clients (operation names), kept to a bounded set so a
 * client sending random names cannot grow the metrics' memory: the first
 * `maxDistinct` values up to `maxLength` characters are kept as they are;
 * longer ones, and any new one after that, become `other`.
 */
export class BoundedLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly maxDistinct: number, private readonly maxLength: number) {}

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (value.length > this.maxLength || this.seen.size >= this.maxDistinct) return OTHER_LABEL;
    this.seen.add(value);
    return value;
  }
}
