import type { SqlStatement } from '../sql/statements';
import { queryRows, type Connection } from './sql';

type Row = Record<string, unknown>;

/** Most parameters one combined statement carries (PostgreSQL takes 65,535): more go in a further statement. */
const MAX_PARAMETERS = 60_000;

/** Consecutive parts of `batch` whose statements' parameters fit in one statement (a statement alone always does). */
function withinParameters<T extends { statement: SqlStatement }>(batch: readonly T[]): T[][] {
  const parts: T[][] = [];
  let count = Infinity;
  for (const item of batch) {
    if (count + item.statement.values.length > MAX_PARAMETERS) {
      parts.push([]);
      count = 0;
    }
    parts.at(-1)!.push(item);
    count += item.statement.values.length;
  }
  return parts;
}

/** Reads rows of a statement. */
export type Read = (statement: SqlStatement) => Promise<Row[]>;

/**
 * Reads that are asked for together go to the database as ONE statement, as
 * DataLoader batches loads: statements queued in the same turn of the event
 * loop are sent as `SELECT (SELECT json_agg(q) FROM (<first>) q), (SELECT
 * json_agg(q) FROM (<second>) q), ...` (their placeholders renumbered), one
 * round trip for a round of facts. A statement alone is sent as it is. Rows
 * of a combined read come as JSON: date-times as ISO strings, and in no
 * guaranteed order, so callers decode and sort what they need.
 */
export function combinedReads(client: Connection): Read {
  let queue: { statement: SqlStatement; resolve: (rows: Row[]) => void; reject: (error: unknown) => void }[] = [];
  const flush = async () => {
    const batch = queue;
    queue = [];
    try {
      for (const part of withinParameters(batch)) await send(part);
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  };
  const send = async (batch: typeof queue) => {
    if (batch.length === 1) {
      batch[0]!.resolve(await queryRows(client, batch[0]!.statement));
      return;
    }
    const values: unknown[] = [];
    const columns = batch.map(({ statement }, i) => {
      const offset = values.length;
      values.push(...statement.values);
      const text = statement.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
      return `(SELECT coalesce(json_agg(q), '[]'::json) FROM (${text}) AS q) AS r${i}`;
    });
    const [row] = await queryRows(client, { text: `SELECT ${columns.join(',\n  ')}`, values });
    batch.forEach(({ resolve }, i) => resolve(row![`r${i}`] as Row[]));
  };
  return (statement) => new Promise((resolve, reject) => {
    queue.push({ statement, resolve, reject });
    if (queue.length === 1) setImmediate(() => void flush());
  });
}
