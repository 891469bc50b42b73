/**
 * `npm run migrate`: applies the pending migrations to the database configured by the
 * environment (DATABASE_URL, else the PGlite folder DATA_DIR, default .data).
 */
import { openDatabase } from '../src/db/client';
import { databaseConfigFromEnv, describeDatabase } from '../src/db/config';
import { applyMigrations } from '../src/db/migrate';

async function main(): Promise<void> {
  const config = databaseConfigFromEnv();
  const where = describeDatabase(config);
  const db = await openDatabase(config);
  try {
    const applied = await applyMigrations(db);
    if (applied.length === 0) console.log(`${where}: no pending migrations.`);
    else console.log(`${where}: applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}`).join('\n')}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
