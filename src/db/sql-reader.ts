import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import { readTypes } from './pg-types';

type Row = Record<string, unknown>;

/**
 * SQL straight to the driver, for the batched loaders and root
 * lists: one round trip per statement, no query planning or result mapping
 * on top. Values come back as the driver types them, which for the column
 * types resources use (uuid, text, int4, bool, enums, timestamptz, jsonb) is
 * what Prisma returns too: strings, numbers, booleans, `Date`s and objects.
 * Writes run in Prisma transactions, except a plain create, which is one
 * atomic statement sent here (src/engine/write/one-statement.ts).
 */
export interface SqlReader {
  query<R extends Row = Row>(text: string, values: readonly unknown[]): Promise<R[]>;
}

type OnQuery = ((sql: string) => void) | undefined;

export function pgSqlReader(pool: Pool, onQuery: OnQuery): SqlReader {
  return {
    async query<R extends Row>(text: string, values: readonly unknown[]) {
      onQuery?.(text);
      return (await pool.query<R>({ text, values: values as unknown[], types: readTypes })).rows;
    },
  };
}

export function pgliteSqlReader(pglite: PGlite, onQuery: OnQuery): SqlReader {
  return {
    async query<R extends Row>(text: string, values: readonly unknown[]) {
      onQuery?.(text);
      return (await pglite.query<R>(text, values as unknown[])).rows;
    },
  };
}
