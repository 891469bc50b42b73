/**
 * Migrated throw-away databases for tests.
 *
 * Default: an in-memory PGlite. A fresh PGlite runs initdb (2-4 s), so the first one is
 * migrated once and dumped; later ones load that dump (under 1 s). The dump is also kept
 * in the OS temp folder (about 5 MB), keyed by the PGlite version and the migration files,
 * so other test files (other jest workers and runs) skip initdb and migrations too.
 *
 * With DATABASE_URL set: a new, uniquely named database on that server (the URL's
 * database is only used to create and drop it), migrated, and dropped by `dispose()`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, pgliteDatabase, type Database, type DatabaseOptions } from '../../src/db/client';
import { applyMigrations, migrationsDir } from '../../src/db/migrate';
import { createScratchDatabase } from '../../src/db/scratch-database';
import { readMigrationsList } from '../../src/db/schema-engine';
import { once } from '../../src/util/once';

export type TestDatabase = Database & {
  /** Closes the database and, on PostgreSQL, drops it. Safe to call more than once. */
  dispose(): Promise<void>;
  /** On PostgreSQL, the URL of the database (for a connection of a test's own); undefined on PGlite. */
  readonly url?: string;
};

export interface TestDatabaseOptions extends DatabaseOptions {
  /** PostgreSQL's `statement_timeout` for every connection (default DEFAULT_STATEMENT_TIMEOUT_MS); PGlite cannot enforce one. */
  readonly statementTimeoutMs?: number;
  /** PostgreSQL's pool size (default DEFAULT_POOL_SIZE). */
  readonly poolSize?: number;
  /** Whether the direct reads are prepared statements on PostgreSQL (default true). */
  readonly preparedStatements?: boolean;
}

/** A migrated database of its own: PGlite in memory, or a new database on DATABASE_URL's server. */
export async function openTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL?.trim();
  if (url) {
    const db = await openScratchPostgres(url, options);
    try {
      await applyMigrations(db);
    } catch (error) {
      await db.dispose();
      throw error;
    }
    return db;
  }
  return openPglite(await migratedSnapshot(), options);
}

/** An empty (not migrated) in-memory PGlite, or one loaded from a data-dir dump. */
export async function openPglite(dump?: Blob, options: DatabaseOptions = {}): Promise<TestDatabase & { pglite: PGlite }> {
  const pglite = await PGlite.create(dump ? { loadDataDir: dump } : {});
  const db = pgliteDatabase(pglite, options);
  return { ...db, dispose: db.close, pglite };
}

/**
 * An empty (not migrated) database named uniquely on the server of `serverUrl`, dropped
 * (with any connections left) by `dispose()`.
 */
export async function openScratchPostgres(serverUrl: string, options: TestDatabaseOptions = {}): Promise<TestDatabase & { name: string; url: string }> {
  const name = `test_${process.pid}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const scratch = await createScratchDatabase(serverUrl, name);
  const { statementTimeoutMs, poolSize, preparedStatements, ...databaseOptions } = options;
  let db: Database;
  try {
    db = await openDatabase({ kind: 'postgres', url: scratch.url, statementTimeoutMs, poolSize, preparedStatements }, databaseOptions);
  } catch (error) {
    await scratch.drop();
    throw error;
  }
  const close = once(() => db.close());
  const dispose = once(async () => {
    try {
      await close();
    } finally {
      await scratch.drop();
    }
  });
  return { ...db, close, dispose, name, url: scratch.url };
}

let snapshot: Promise<Blob> | undefined;

/** A dump of an in-memory PGlite with all migrations applied (memoized, and cached on disk). */
function migratedSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const file = join(tmpdir(), `evented-graphql-pglite-${await migrationsKey()}.tar.gz`);
    const cached = await readFile(file).catch(() => undefined);
    if (cached) return new Blob([cached]);

    const db = await openPglite();
    try {
      await applyMigrations(db);
      const dump = await db.pglite.dumpDataDir('gzip');
      await saveSnapshot(file, dump);
      return dump;
    } finally {
      await db.close();
    }
  })();
  snapshot.catch(() => (snapshot = undefined));
  return snapshot;
}

/** Written to a temporary name and renamed, so parallel workers never read half a file. */
async function saveSnapshot(file: string, dump: Blob): Promise<void> {
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
  try {
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
  } catch {
    await rm(partial, { force: true }); // the cache is an optimization only
  }
}

/** Changes whenever a migration file or the PGlite version changes. */
async function migrationsKey(): Promise<string> {
  const hash = createHash('sha256');
  const pglitePackage = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  hash.update((JSON.parse(readFileSync(pglitePackage, 'utf8')) as { version: string }).version);
  const list = await readMigrationsList(migrationsDir);
  hash.update(list.lockfile.content ?? '');
  for (const migration of list.migrationDirectories) {
    hash.update(`\0${migration.path}\0${JSON.stringify(migration.migrationFile.content)}`);
  }
  return hash.digest('hex').slice(0, 16);
}
