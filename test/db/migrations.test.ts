import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/db/client';
import { applyMigrations, createMigration, diffMigrationsToSchema, migrationsDir, schemaPath } from '../../src/db/migrate';
import { openPglite, openScratchPostgres, openTestDatabase } from '../support/database';

async function committedMigrationNames(): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

interface MigrationRow {
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

function migrationRows(db: Database): Promise<MigrationRow[]> {
  return db.prisma.$queryRawUnsafe<MigrationRow[]>(
    'SELECT migration_name, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
  );
}

/**
 * Applies the migrations to an empty database, twice, and checks the bookkeeping; then
 * checks a failing later migration is reported, recorded as failed, and not half-applied.
 */
async function expectMigrationsApply(db: Database): Promise<void> {
  const names = await committedMigrationNames();
  expect(names.length).toBeGreaterThan(0);

  expect(await applyMigrations(db)).toEqual(names);
  const rows = await migrationRows(db);
  expect(rows.map((r) => r.migration_name)).toEqual(names);
  for (const row of rows) {
    expect(row.finished_at).toBeInstanceOf(Date);
    expect(row.rolled_back_at).toBeNull();
    expect(row.applied_steps_count).toBe(1);
  }
  // The schema is really there.
  expect(await db.prisma.workspace.count()).toBe(0);

  expect(await applyMigrations(db)).toEqual([]);
  expect(await migrationRows(db)).toHaveLength(names.length);

  // Later migrations: one whose function body holds `;`, then one that fails half-way.
  const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
  try {
    await cp(migrationsDir, dir, { recursive: true });
    await mkdir(join(dir, '29990101000000_function'));
    await writeFile(
      join(dir, '29990101000000_function', 'migration.sql'),
      'CREATE FUNCTION "answer"() RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RETURN 42; END; $$;\n',
    );
    await mkdir(join(dir, '29990101000001_broken'));
    await writeFile(
      join(dir, '29990101000001_broken', 'migration.sql'),
      'CREATE TABLE "Partial" ("id" INTEGER);\nSELECT * FROM "NoSuchTable";\n',
    );
    await expect(applyMigrations(db, { migrationsDir: dir })).rejects.toThrow(/NoSuchTable/);
    const rows = await migrationRows(db);
    expect(rows.map((r) => [r.migration_name, r.finished_at !== null])).toEqual([
      ...names.map((n) => [n, true]),
      ['29990101000000_function', true],
      ['29990101000001_broken', false],
    ]);
    expect(await db.prisma.$queryRawUnsafe('SELECT "answer"() AS a')).toEqual([{ a: 42 }]);
    // Like `prisma migrate deploy` on PostgreSQL: the failed script left nothing behind...
    expect(await db.prisma.$queryRawUnsafe(`SELECT to_regclass('"Partial"')::text AS t`)).toEqual([{ t: null }]);
    // ...and blocks further runs until resolved.
    await expect(applyMigrations(db, { migrationsDir: dir })).rejects.toThrow(/failed migrations/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('committed migrations vs prisma/schema.prisma', () => {
  it('produce exactly the current schema (run `npm run migration:create -- NAME` if this fails)', async () => {
    const diff = await diffMigrationsToSchema();
    expect(diff).toBe('');
  });

  it('a schema edit without a migration is detected, and a created migration covers it', async () => {
    const schema = await readFile(schemaPath, 'utf8');
    const edited = schema.replace(/(model Item \{\n)/, '$1  dueDate     DateTime?  @db.Timestamptz(6)\n');
    expect(edited).not.toBe(schema);

    const diff = await diffMigrationsToSchema({ schemaText: edited });
    expect(diff).toContain('ALTER TABLE "Item" ADD COLUMN     "dueDate" TIMESTAMPTZ(6)');

    const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
    try {
      await cp(migrationsDir, dir, { recursive: true });
      const sources = { migrationsDir: dir, schemaText: edited };
      const created = await createMigration('add_due_date', { ...sources, now: new Date('2999-01-02T03:04:05Z') });
      expect(created).toMatchObject({ created: true, name: '29990102030405_add_due_date', sql: diff });
      expect(await readFile(join(dir, '29990102030405_add_due_date', 'migration.sql'), 'utf8')).toBe(diff);
      expect(await diffMigrationsToSchema(sources)).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses invalid migration names', async () => {
    await expect(createMigration('')).rejects.toThrow(/Invalid migration name/);
    await expect(createMigration('add due-date')).rejects.toThrow(/Invalid migration name/);
  });
});

describe('applying migrations', () => {
  it('on a fresh in-memory PGlite records each one in _prisma_migrations, once, and failures as failed', async () => {
    const db = await openPglite();
    try {
      await expectMigrationsApply(db);
    } finally {
      await db.dispose();
    }
  });

  const serverUrl = process.env.DATABASE_URL?.trim();
  (serverUrl ? it : it.skip)('on a throw-away PostgreSQL database (DATABASE_URL) does the same', async () => {
    const db = await openScratchPostgres(serverUrl!);
    try {
      await expectMigrationsApply(db);
    } finally {
      await db.dispose();
    }
  });
});

describe('several instances starting together on one PostgreSQL database', () => {
  const serverUrl = process.env.DATABASE_URL?.trim();
  (serverUrl ? it : it.skip)('all succeed, the migrations are applied once, and no advisory lock is left held', async () => {
    const first = await openScratchPostgres(serverUrl!);
    const others = await Promise.all([1, 2].map(() => openDatabase({ kind: 'postgres', url: first.url })));
    try {
      const applied = await Promise.all([first, ...others].map((db) => applyMigrations(db)));
      expect(applied.flat().sort()).toEqual(await committedMigrationNames());
      const held = await first.sql.query(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", []);
      expect(held).toEqual([]);
      // And again, as a restart of every instance would.
      expect(await Promise.all([first, ...others].map((db) => applyMigrations(db)))).toEqual([[], [], []]);
    } finally {
      await Promise.all(others.map((db) => db.close()));
      await first.dispose();
    }
  });
});

describe('openTestDatabase', () => {
  it('gives migrated databases that are independent of each other', async () => {
    const names = await committedMigrationNames();
    const [a, b] = await Promise.all([openTestDatabase(), openTestDatabase()]);
    try {
      for (const db of [a, b]) {
        expect((await migrationRows(db)).map((r) => r.migration_name)).toEqual(names);
      }
      const now = new Date();
      await a.prisma.workspace.create({
        data: { id: '00000000-0000-4000-8000-000000000001', version: 1, createdAt: now, updatedAt: now, name: 'a' },
      });
      expect(await a.prisma.workspace.count()).toBe(1);
      expect(await b.prisma.workspace.count()).toBe(0);
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
    }
  });
});
