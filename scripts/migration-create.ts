/**
 * `npm run migration:create -- NAME`: writes prisma/migrations/<UTC yyyymmddhhmmss>_<NAME>/migration.sql
 * with the SQL that takes the committed migrations to the current prisma/schema.prisma.
 * Needs no database and no network (the WASM schema engine replays the migrations on an
 * in-memory PGlite). Writes nothing when the schema has not changed.
 */
import { relative } from 'node:path';
import { createMigration, migrationNamePattern } from '../src/db/migrate';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const name = args[0];
  if (args.length !== 1 || name === undefined || !migrationNamePattern.test(name)) {
    console.error(
      args.length === 0
        ? 'Missing migration name. Usage: npm run migration:create -- NAME (letters, digits, underscores)'
        : `Invalid migration name ${JSON.stringify(args.join(' '))}. Usage: npm run migration:create -- NAME (1-200 letters, digits, underscores, e.g. add_item_due_date)`,
    );
    process.exitCode = 2;
    return;
  }
  const result = await createMigration(name);
  if (!result.created) {
    console.log('No schema changes: the migrations already produce prisma/schema.prisma.');
    return;
  }
  console.log(`Created ${relative(process.cwd(), result.path)}/migration.sql:\n\n${result.sql}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
