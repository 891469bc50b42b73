/**
 * The values of one statement. `add` hands out a marker, not a `$n`: a
 * condition may be compiled and then dropped (an `AND` that is FALSE anyway),
 * so placeholders are numbered by `finish`, over the markers the final text
 * still holds, and values nobody refers to are left out.
 */
export class SqlParams {
  private readonly added: unknown[] = [];

  /** Marker standing for `value` in the statement text. */
  add(value: unknown): string {
    this.added.push(value);
    return `\u0000${this.added.length - 1}\u0000`;
  }

  /** The statement with `$1`, `$2`, ... in place of the markers left, and their values in that order. */
  finish(text: string): { text: string; values: unknown[] } {
    const values: unknown[] = [];
    const numbers = new Map<number, number>();
    const finished = text.replace(/\u0000(\d+)\u0000/g, (_, index: string) => {
      const i = Number(index);
      let n = numbers.get(i);
      if (n === undefined) {
        values.push(this.added[i]);
        n = values.length;
        numbers.set(i, n);
      }
      return `$${n}`;
    });
    return { text: finished, values };
  }
}

/** A double-quoted SQL identifier (table, column or alias). */
export const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** `alias."column"`. */
export const column = (alias: string, name: string): string => `${alias}.${ident(name)}`;
