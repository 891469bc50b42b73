import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';

/**
 * What the hand-written baseline needs from a database: run one parameterized
 * statement, get its rows. `statements` counts every call (one call = one
 * statement sent), so the harness can report statements per request.
 */
export interface SqlClient {
  query<Row>(sql: string, params: readonly unknown[]): Promise<Row[]>;
  /** Runs `work` in one transaction (BEGIN ... COMMIT, ROLLBACK on error) on one connection; BEGIN and COMMIT count as statements. */
  transaction<T>(work: (query: SqlClient['query']) => Promise<T>): Promise<T>;
  readonly statements: StatementCounter;
}

/** A running count of SQL statements, reset between measurements. */
export class StatementCounter {
  count = 0;
  readonly add = (): void => void (this.count += 1);
  reset(): void {
    this.count = 0;
  }
}

/** node-postgres pool: the baseline on a PostgreSQL server. */
export function pgSqlClient(pool: Pool): SqlClient {
  const statements = new StatementCounter();
  return {
    statements,
    async query<Row>(sql: string, params: readonly unknown[]) {
      statements.add();
      return (await pool.query(sql, [...params])).rows as Row[];
    },
    async transaction<T>(work: (query: SqlClient['query']) => Promise<T>) {
      const client = await pool.connect();
      const query = async <Row>(sql: string, params: readonly unknown[]) => {
        statements.add();
        return (await client.query(sql, [...params])).rows as Row[];
      };
      try {
        await query('BEGIN', []);
        const result = await work(query);
        await query('COMMIT', []);
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/**
 * PGlite's own query API with the same SQL: the baseline on the embedded database,
 * where `pg` cannot connect. PGlite runs one statement at a time, as it does for Prisma.
 */
export function pgliteSqlClient(pglite: PGlite): SqlClient {
  const statements = new StatementCounter();
  return {
    statements,
    async query<Row>(sql: string, params: readonly unknown[]) {
      statements.add();
      return (await pglite.query<Row>(sql, [...params])).rows;
    },
    async transaction<T>(work: (query: SqlClient['query']) => Promise<T>) {
      statements.add(); // BEGIN
      const result = await pglite.transaction((tx) =>
        work(async <Row>(sql: string, params: readonly unknown[]) => {
          statements.add();
          return (await tx.query<Row>(sql, [...params])).rows;
        }),
      );
      statements.add(); // COMMIT
      return result;
    },
  };
}
