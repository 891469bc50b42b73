/**
 * `npm run replay`: rebuilds every materialized table (resource tables, the tables
 * they own, snapshots) of the configured database (DATABASE_URL, else the PGlite
 * folder DATA_DIR, default .data) from its event log, in one transaction
 * (src/engine/replay.ts). Stop the server first: the tables are locked meanwhile.
 * Shows progress (events folded, then rows written) and prints the rate.
 */
import { createAppDomain } from '../src/app/domain';
import { replay } from '../src/engine/replay';
import { progressBar } from './progress-bar';
import { withDatabase } from './with-database';

const LABELS = { fold: 'Events folded', write: 'Rows written ' } as const;

withDatabase(async (db, where) => {
  const bar = progressBar();
  const result = await replay(db, createAppDomain(), { onProgress: (p) => bar.update(LABELS[p.phase], p.done, p.total) });
  bar.clear();
  console.log(
    `Replayed ${result.events} events into ${result.rows} rows (${result.snapshots} snapshots) in ${result.seconds.toFixed(2)} s: ` +
      `${Math.round(result.eventsPerSecond)} events/s (${where})`,
  );
}, 1);
