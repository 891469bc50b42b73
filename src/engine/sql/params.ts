/** The values of one statement, each added once and referred to as `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Placeholder of `value` (`$1`, `$2`, ...). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A double-quoted SQL identifier (table, column or alias). */
export const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** `alias."column"`. */
export const column = (alias: string, name: string): string => `${alias}.${ident(name)}`;
