/**
 * Migrations: `prisma/migrations/<timestamp>_<name>/migration.sql`, applied and created
 * with the WASM schema engine (see schema-engine.ts), with the same files and the same
 * `_prisma_migrations` bookkeeping as `prisma migrate deploy` / `prisma migrate dev`.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { Database } from './client';
import { projectRoot } from './config';
import {
  migrationLockToml,
  noFilters,
  readMigrationsList,
  schemasContainer,
  withSchemaEngine,
  type SchemaFile,
} from './schema-engine';

export const schemaPath = join(projectRoot, 'prisma', 'schema.prisma');
export const migrationsDir = join(projectRoot, 'prisma', 'migrations');

/** Where the schema and the migration history are read from (defaults: this project's). */
export interface MigrationSources {
  migrationsDir?: string;
  schemaPath?: string;
  /** Schema text to use instead of reading `schemaPath`. */
  schemaText?: string;
}

async function loadSchema(sources: MigrationSources): Promise<SchemaFile> {
  const path = sources.schemaPath ?? schemaPath;
  const content = sources.schemaText ?? (await readFile(path, 'utf8'));
  return { path, content };
}

/**
 * Applies the migrations not yet applied to `db`, in folder-name order, each recorded in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does (the same engine code).
 * Fails, applying nothing more, on a failed or edited migration. Returns the names applied.
 */
export async function applyMigrations(
  db: Pick<Database, 'migrationAdapter'>,
  sources: MigrationSources = {},
): Promise<string[]> {
  const [schema, migrationsList] = await Promise.all([
    loadSchema(sources),
    readMigrationsList(sources.migrationsDir ?? migrationsDir),
  ]);
  return withSchemaEngine(db.migrationAdapter, schema, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return appliedMigrationNames;
  });
}

/**
 * The SQL that takes a database built by the committed migrations to the current Prisma
 * schema: the script `prisma migrate dev` would write as the next migration. Empty string
 * when the migrations are up to date with the schema.
 *
 * Needs no database of the caller's: the engine replays the migrations on a shadow
 * database (a throw-away in-memory PGlite, which also serves as the engine's main
 * connection, untouched by a diff).
 */
export async function diffMigrationsToSchema(sources: MigrationSources = {}): Promise<string> {
  const [schema, migrationsList] = await Promise.all([
    loadSchema(sources),
    readMigrationsList(sources.migrationsDir ?? migrationsDir),
  ]);
  const pglite = await PGlite.create();
  try {
    const adapter = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
    const result = await withSchemaEngine(
      adapter,
      schema,
      (engine) =>
        engine.diff({
          from: { tag: 'migrations', ...migrationsList },
          to: { tag: 'schemaDatamodel', ...schemasContainer(schema) },
          script: true,
          // exitCode 2 = "there is a difference"; an empty diff still prints a comment.
          exitCode: true,
          filters: noFilters,
        }),
      { shadow: () => adapter.connect() },
    );
    return result.exitCode === 2 ? (result.stdout ?? '') : '';
  } finally {
    await pglite.close();
  }
}

/** What `createMigration` did. */
export type CreateMigrationResult =
  | { created: false }
  | { created: true; /** The folder name. */ name: string; /** The folder's absolute path. */ path: string; sql: string };

/** Migration names as Prisma's CLI would make them: letters, digits and underscores. */
export const migrationNamePattern = /^[A-Za-z0-9_]{1,200}$/;

/** `date` as the UTC `yyyymmddhhmmss` prefix of a migration folder. */
export function migrationTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14);
}

/**
 * Writes `<migrationsDir>/<UTC yyyymmddhhmmss>_<name>/migration.sql` with the diff from the
 * committed migrations to the schema (and `migration_lock.toml` if missing). Writes
 * nothing and returns `{ created: false }` when there is no difference.
 */
export async function createMigration(
  name: string,
  sources: MigrationSources & { now?: Date } = {},
): Promise<CreateMigrationResult> {
  if (!migrationNamePattern.test(name)) {
    throw new Error(
      `Invalid migration name ${JSON.stringify(name)}: use 1-200 letters, digits and underscores (e.g. add_item_due_date).`,
    );
  }
  const dir = sources.migrationsDir ?? migrationsDir;
  const sql = await diffMigrationsToSchema(sources);
  if (sql === '') return { created: false };

  const folder = `${migrationTimestamp(sources.now)}_${name}`;
  const existing = (await readMigrationsList(dir)).migrationDirectories.map((d) => d.path);
  const last = existing[existing.length - 1];
  if (last !== undefined && folder.localeCompare(last) <= 0) {
    throw new Error(`Migration ${folder} would not sort after the latest migration ${last}; check the clock.`);
  }
  const path = join(dir, folder);
  await mkdir(path, { recursive: true });
  await writeFile(join(path, 'migration.sql'), sql, 'utf8');
  const lock = join(dir, 'migration_lock.toml');
  if (!existsSync(lock)) await writeFile(lock, migrationLockToml, 'utf8');
  return { created: true, name: folder, path, sql };
}
