import { createHash } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { DatabaseError, type Pool, type PoolClient } from 'pg';
import { readTypes } from './pg-types';

type Row = Record<string, unknown>;

/**
 * SQL straight to the driver, for the batched loaders and root
 * lists: one round trip per statement, no query planning or result mapping
 * on top. Values come back as the driver types them, which for the column
 * types resources use (uuid, text, int4, bool, enums, timestamptz, jsonb) is
 * what Prisma returns too: strings, numbers, booleans, `Date`s and objects.
 * Writes that need a transaction run in Prisma's; a write that is one
 * atomic statement on its own is sent here (src/engine/write).
 */
export interface SqlReader {
  query<R extends Row = Row>(text: string, values: readonly unknown[]): Promise<R[]>;
}

type OnQuery = ((sql: string) => void) | undefined;

/**
 * Statements with at most this many parameters are prepared (named) on the
 * connection that runs them, so PostgreSQL parses and plans each shape once
 * per connection instead of on every request (after five runs it keeps a
 * generic plan when that plan is no costlier). Larger ones are one-off
 * shapes (a bulk write of many rows) and stay unnamed.
 */
const MAX_PREPARED_PARAMETERS = 500;
/**
 * Most statements one connection keeps prepared. A client controls the
 * shape of its reads, so shapes are unbounded: a connection past this many
 * is closed after use (the pool opens a fresh one), which bounds the server
 * memory prepared statements take.
 */
export const MAX_PREPARED_PER_CONNECTION = 200;

/** Statement names per connection (the driver keeps them per connection too). */
const prepared = new WeakMap<PoolClient, Set<string>>();

/** A name unique to the statement's text (the driver refuses one name for two texts). */
const statementName = (text: string): string => `q${createHash('sha1').update(text).digest('base64url')}`;

/** `preparedStatements: false` sends every statement unnamed (a pooler in transaction mode that cannot keep them). */
export function pgSqlReader(pool: Pool, onQuery: OnQuery, options: { preparedStatements?: boolean } = {}): SqlReader {
  const prepare = options.preparedStatements ?? true;
  return {
    async query<R extends Row>(text: string, values: readonly unknown[]) {
      onQuery?.(text);
      if (!prepare || values.length > MAX_PREPARED_PARAMETERS) {
        return (await pool.query<R>({ text, values: values as unknown[], types: readTypes })).rows;
      }
      const name = statementName(text);
      const client = await pool.connect();
      let names = prepared.get(client);
      if (!names) prepared.set(client, (names = new Set()));
      names.add(name);
      let broken = false;
      try {
        return (await client.query<R>({ name, text, values: values as unknown[], types: readTypes })).rows;
      } catch (error) {
        // The server refused the statement (its connection is fine), or the connection broke.
        broken = !(error instanceof DatabaseError);
        throw error;
      } finally {
        // Neither a broken connection nor one holding too many prepared statements is reused.
        client.release(broken || names.size > MAX_PREPARED_PER_CONNECTION ? true : undefined);
      }
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
