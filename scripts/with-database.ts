import { openDatabase, type Database } from '../src/db/client';
import { databaseConfigFromEnv, describeDatabase } from '../src/db/config';

/**
 * Runs a maintenance script's `work` on the configured database (DATABASE_URL
 * or the embedded one), closes it afterwards, and on an unexpected failure
 * prints its message and ends with `failureExitCode` (the script's own
 * refusals set their exit code themselves). `where` names the database for
 * the script's report.
 */
export function withDatabase(work: (db: Database, where: string) => Promise<void>, failureExitCode: number): void {
  const run = async () => {
    const config = databaseConfigFromEnv();
    const db = await openDatabase(config);
    try {
      await work(db, describeDatabase(config));
    } finally {
      await db.close();
    }
  };
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = failureExitCode;
  });
}
