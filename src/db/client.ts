import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { Pool } from 'pg';
import type { PrismaClient } from '../generated/prisma/client';
import { PrismaClient as PrismaClientClass } from '../generated/prisma/client';
import { checkStatementTimeout, CONNECTION_WAIT_MS, DEFAULT_POOL_SIZE, DEFAULT_STATEMENT_TIMEOUT_MS, type DatabaseConfig } from './config';
import { once } from '../util/once';
import { lockDataDir } from './data-dir-lock';
import { pgliteSqlReader, pgSqlReader, type SqlReader } from './sql-reader';

/** An open database: the Prisma client for writes, direct SQL for reads, and what migrations and shutdown need. */
export interface Database {
  readonly kind: DatabaseConfig['kind'];
  readonly prisma: PrismaClient;
  /** Reads straight to the driver, on the same connections as `prisma`. */
  readonly sql: SqlReader;
  /**
   * The driver adapter factory migrations run on. On PostgreSQL each of its
   * connections is a pool of ONE connection of its own, so the migration
   * advisory lock is taken and released on the same connection, never left
   * held by an idle pooled one; on PGlite, the client's.
   */
  readonly migrationAdapter: SqlMigrationAwareDriverAdapterFactory;
  /** The connections at this moment (metrics): the pool's on PostgreSQL; PGlite is one connection, never waited for. */
  connectionCounts(): ConnectionCounts;
  close(): Promise<void>;
}

export interface ConnectionCounts {
  readonly total: number;
  readonly idle: number;
  /** Requests waiting for a connection to come free. */
  readonly waiting: number;
}

export interface DatabaseOptions {
  /** Called with the SQL of every statement the client sends (query counting in tests). */
  readonly onQuery?: (sql: string) => void;
}

/** A Prisma client on `adapter`, reporting each statement to `onQuery` when given. */
export function createPrismaClient(adapter: SqlMigrationAwareDriverAdapterFactory, options: DatabaseOptions = {}): PrismaClient {
  if (!options.onQuery) return new PrismaClientClass({ adapter });
  const prisma = new PrismaClientClass({ adapter, log: [{ emit: 'event', level: 'query' }] });
  const onQuery = options.onQuery;
  prisma.$on('query', (event) => onQuery(event.query));
  return prisma;
}

/**
 * Opens the database described by `config`. PGlite with `dataDir: undefined`
 * is an in-memory database (tests); otherwise its files live in `dataDir`.
 * On PostgreSQL every connection of the pool gets `statement_timeout` (sent
 * when it connects), so every statement is bounded, whether it comes from
 * Prisma (writes, manual relationships, migrations) or from the direct reads;
 * a cancelled one fails with SQLSTATE 57014 (see src/server/query-timeout.ts).
 */
export async function openDatabase(config: DatabaseConfig, options: DatabaseOptions = {}): Promise<Database> {
  if (config.kind === 'postgres') {
    const statementTimeoutMs = checkStatementTimeout(config.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS);
    // One pool for Prisma and the direct reads; the adapter leaves a pool it was given open, so close ends it.
    const pool = new Pool({
      connectionString: config.url,
      max: config.poolSize ?? DEFAULT_POOL_SIZE,
      statement_timeout: statementTimeoutMs,
      // A request waits this long for a connection, then is refused as overload (src/server/overload.ts).
      connectionTimeoutMillis: CONNECTION_WAIT_MS,
    });
    // An idle connection closed by the server (restart, dropped database) must not crash the process;
    // the pool opens a new one on next use, and a query on a broken connection still fails normally.
    pool.on('error', () => {});
    const prisma = createPrismaClient(new PrismaPg(pool), options);
    const sql = pgSqlReader(pool, options.onQuery, { preparedStatements: config.preparedStatements });
    return {
      kind: 'postgres',
      prisma,
      sql,
      migrationAdapter: new PrismaPg({ connectionString: config.url, max: 1, statement_timeout: statementTimeoutMs }),
      connectionCounts: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close: once(async () => {
        try {
          await prisma.$disconnect();
        } finally {
          await pool.end();
        }
      }),
    };
  }
  if (config.dataDir === undefined) return pgliteDatabase(await PGlite.create(), options);
  // The folder is this process's while it is open (see lockDataDir).
  const release = await lockDataDir(config.dataDir);
  try {
    const db = pgliteDatabase(await PGlite.create(config.dataDir), options);
    return { ...db, close: once(() => db.close().finally(release)) };
  } catch (error) {
    await release();
    throw error;
  }
}

/** A database on an open PGlite instance; `close` closes the instance too. */
export function pgliteDatabase(pglite: PGlite, options: DatabaseOptions = {}): Database {
  const adapter = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
  const prisma = createPrismaClient(adapter, options);
  return {
    kind: 'pglite',
    prisma,
    sql: pgliteSqlReader(pglite, options.onQuery),
    migrationAdapter: adapter,
    connectionCounts: () => ({ total: 1, idle: 0, waiting: 0 }),
    close: once(async () => {
      await prisma.$disconnect();
      await pglite.close();
    }),
  };
}
