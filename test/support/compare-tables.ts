import type { Database } from '../../src/db/client';
import type { Domain } from '../../src/resource';

/** Rows of every materialized table, by table name, each table sorted by its primary key. */
export type TableSnapshot = Record<string, Record<string, unknown>[]>;

/** Every table replay rebuilds: resource tables, tables owned through materialization hooks, Snapshot, StreamHead. */
export function materializedTables(domain: Domain): string[] {
  const resources = domain.resources;
  return [...new Set([...resources.map((r) => r.model), ...resources.flatMap((r) => Object.keys(r.materialization?.tables ?? {})), 'Snapshot', 'StreamHead'])];
}

/** Every row of every materialized table, each table sorted by its primary key. */
export async function snapshotTables(db: Pick<Database, 'sql'>, domain: Domain): Promise<TableSnapshot> {
  const result: TableSnapshot = {};
  for (const table of materializedTables(domain)) {
    const keys = await db.sql.query<{ name: string }>(
      `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
       WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)`,
      [`"${table}"`],
    );
    if (keys.length === 0) throw new Error(`Table "${table}" has no primary key, so its rows cannot be compared in a stable order.`);
    result[table] = await db.sql.query(`SELECT * FROM "${table}" ORDER BY ${keys.map((k) => `"${k.name}"`).join(', ')}`, []);
  }
  return result;
}

export interface TableDifference {
  readonly table: string;
  /** Rows only in `expected` (missing) or only in `actual` (extra); a changed row shows as one of each. */
  readonly missing: Record<string, unknown>[];
  readonly extra: Record<string, unknown>[];
}

/**
 * The rows that differ between two snapshots, table by table (at most `limit`
 * of each kind per table), so a failed comparison shows only what changed.
 * Empty when the snapshots are equal.
 */
export function tableDifferences(expected: TableSnapshot, actual: TableSnapshot, limit = 5): TableDifference[] {
  const differences: TableDifference[] = [];
  for (const table of [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()) {
    const before = new Map((expected[table] ?? []).map((row) => [rowKey(row), row]));
    const after = new Map((actual[table] ?? []).map((row) => [rowKey(row), row]));
    const missing = [...before].filter(([key]) => !after.has(key)).map(([, row]) => row);
    const extra = [...after].filter(([key]) => !before.has(key)).map(([, row]) => row);
    const counts = (expected[table]?.length ?? -1) !== (actual[table]?.length ?? -1);
    if (missing.length > 0 || extra.length > 0 || counts) differences.push({ table, missing: missing.slice(0, limit), extra: extra.slice(0, limit) });
  }
  return differences;
}

/** Fails with the differing rows when the snapshots differ. */
export function expectSameTables(actual: TableSnapshot, expected: TableSnapshot): void {
  expect(tableDifferences(expected, actual)).toEqual([]);
}

/** The whole row as text (dates as ISO strings, 64-bit integers as digits). */
function rowKey(row: Record<string, unknown>): string {
  return JSON.stringify(row, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
}
