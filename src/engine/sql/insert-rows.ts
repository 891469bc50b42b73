import type { Client } from '../../db/delegate';
import { Prisma } from '../../generated/prisma/client';
import { ident } from '../../db/sql-params';

/**
 * Inserts plain rows (column name -> value) into `table`, `batchSize` rows per
 * statement. Each batch travels as ONE jsonb parameter expanded by
 * `jsonb_populate_recordset` against the table's own row type, so PostgreSQL
 * converts every value with its column's input function (uuid, enums,
 * timestamptz from ISO strings, jsonb) and PostgreSQL's 65,535-parameter limit
 * never caps a batch. Columns are the union of the batch's keys; a key a row
 * lacks is NULL there (not the column's default). `Prisma.DbNull` (SQL NULL in
 * a json column, as `toRow` gives it) is NULL. Runs on the caller's client, so
 * inside its transaction when given one. Returns the number of rows inserted.
 */
export async function insertRows(tx: Client, table: string, rows: readonly Record<string, unknown>[], batchSize: number): Promise<number> {
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const columns = [...new Set(batch.flatMap((row) => Object.keys(row)))].map(ident).join(', ');
    await tx.$executeRawUnsafe(
      `INSERT INTO ${ident(table)} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${ident(table)}, $1::jsonb)`,
      JSON.stringify(batch, (_key, value: unknown) => (value === Prisma.DbNull ? null : value)),
    );
  }
  return rows.length;
}
