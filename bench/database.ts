/**
 * A fresh, migrated database for one benchmark run, dropped afterwards, so a run
 * never sees another run's rows: PGlite in a new temp folder, or a throw-away
 * database `bench_read_<pid>` on the DATABASE_URL server (as the tests do).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import { openDatabase, pgliteDatabase, type Database } from '../src/db/client';
import { applyMigrations } from '../src/db/migrate';
import { createScratchDatabase } from '../src/db/scratch-database';
import { once } from '../src/util/once';
import type { DatabaseKind } from './config';
import { note } from './progress';
import { pgliteSqlClient, pgSqlClient, StatementCounter, type SqlClient } from './sql-client';

export interface BenchDatabase {
  readonly kind: DatabaseKind;
  /** Where it lives, for the report. */
  readonly where: string;
  /** Our app's database (Prisma client and direct reads); every statement it sends is counted in `appStatements`. */
  readonly db: Pick<Database, 'prisma' | 'migrationAdapter' | 'sql'>;
  readonly appStatements: StatementCounter;
  /** The baseline's direct SQL access to the same database (counts its own statements). */
  readonly sql: SqlClient;
  /** Closes every connection and deletes the database. Safe to call more than once. */
  dispose(): Promise<void>;
}

export async function openBenchDatabase(kind: DatabaseKind, postgresUrl: string | undefined): Promise<BenchDatabase> {
  const bench = kind === 'pglite' ? await openPglite() : await openPostgres(requireUrl(postgresUrl));
  try {
    await applyMigrations(bench.db);
  } catch (error) {
    await bench.dispose();
    throw error;
  }
  return bench;
}

/**
 * PGlite in a temp folder. Built here rather than through `openDatabase` because the
 * baseline needs the PGlite instance itself; the Prisma client comes from the same
 * factory (`createPrismaClient`) that `openDatabase` uses.
 */
async function openPglite(): Promise<BenchDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-read-'));
  const pglite = await PGlite.create(dir);
  const appStatements = new StatementCounter();
  const db = pgliteDatabase(pglite, { onQuery: appStatements.add });
  return {
    kind: 'pglite',
    where: `PGlite in ${dir}`,
    db,
    appStatements,
    sql: pgliteSqlClient(pglite),
    dispose: once(async () => {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }),
  };
}

/** A new database on the server of `serverUrl`; the URL's own database is only used to create and drop it. */
async function openPostgres(serverUrl: string): Promise<BenchDatabase> {
  const name = `bench_read_${process.pid}`;
  const scratch = await createScratchDatabase(serverUrl, name);
  const url = new URL(scratch.url);
  const appStatements = new StatementCounter();
  const db = await openDatabase({ kind: 'postgres', url: url.toString() }, { onQuery: appStatements.add });
  // Same pool size as our app's Prisma adapter (src/db/client.ts), so neither side gets more connections.
  const pool = new Pool({ connectionString: url.toString(), max: 10 });
  // An idle client whose connection dies (e.g. the DROP ... WITH (FORCE) below) must not crash the run.
  pool.on('error', (error) => note(`Baseline pool: ${error.message}`));
  return {
    kind: 'postgres',
    where: `PostgreSQL database ${name} on ${url.host}`,
    db,
    appStatements,
    sql: pgSqlClient(pool),
    dispose: once(async () => {
      try {
        await pool.end().catch(() => {});
        await db.close().catch(() => {});
      } finally {
        await scratch.drop();
      }
    }),
  };
}

function requireUrl(url: string | undefined): string {
  if (!url) throw new Error('The PostgreSQL benchmark needs DATABASE_URL.');
  return url;
}
