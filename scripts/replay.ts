/**
 * `npm run replay`: rebuilds every materialized table (resource tables, the tables
 * they own, snapshots) of the configured database (DATABASE_URL, else the PGlite
 * folder DATA_DIR, default .data) from its event log, in one transaction
 * (src/engine/replay.ts). Stop the server first: the tables are locked meanwhile.
 * Shows progress (events folded, then rows written) and prints the rate.
 */
import { createAppDomain } from '../src/app/domain';
import { openDatabase } from '../src/db/client';
import { databaseConfigFromEnv, describeDatabase } from '../src/db/config';
import { replay } from '../src/engine/replay';
import { progressBar } from './progress-bar';

const LABELS = { fold: 'Events folded', write: 'Rows written ' } as const;

async function main(): Promise<void> {
  const config = databaseConfigFromEnv();
  const where = describeDatabase(config);
  const db = await openDatabase(config);
  try {
    const bar = progressBar();
    const result = await replay(db, createAppDomain(), { onProgress: (p) => bar.update(LABELS[p.phase], p.done, p.total) });
    bar.clear();
    console.log(
      `Replayed ${result.events} events into ${result.rows} rows (${result.snapshots} snapshots) in ${result.seconds.toFixed(2)} s: ` +
        `${Math.round(result.eventsPerSecond)} events/s (${where})`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
