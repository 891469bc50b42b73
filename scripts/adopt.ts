/**
 * `npm run adopt`: brings the rows of the configured database (DATABASE_URL, else the
 * PGlite folder DATA_DIR, default .data) that have no events under the event log: one
 * version-1 create event and stream head per row, in one transaction
 * (src/engine/adopt.ts). Idempotent. Stop the server first. Shows progress (rows
 * adopted) and prints what it did; `npm run verify` passes afterwards.
 * Exit code 1 when a row cannot be adopted (nothing written; the message says which
 * and how to fix it), 2 when it could not run.
 */
import { createAppDomain } from '../src/app/domain';
import { AdoptRefused, adopt } from '../src/engine/adopt';
import { progressBar } from './progress-bar';
import { withDatabase } from './with-database';

withDatabase(async (db, where) => {
  const bar = progressBar();
  let result;
  try {
    result = await adopt(db, createAppDomain(), { onProgress: (p) => bar.update(`Rows adopted (${p.resource})`, p.done, p.total) });
  } catch (error) {
    bar.clear();
    if (!(error instanceof AdoptRefused)) throw error;
    console.error(`REFUSED, nothing written: ${error.message}`);
    process.exitCode = 1;
    return;
  }
  bar.clear();
  if (result.total === 0) {
    console.log(`Nothing to adopt: every row already has its events (${where})`);
    return;
  }
  // Fresh planner statistics for the tables that just grew (verify reads them next).
  await db.prisma.$executeRawUnsafe('ANALYZE "Event", "StreamHead"');
  const by = Object.entries(result.adopted).map(([resource, n]) => `${resource} ${n.toLocaleString('en')}`).join(', ');
  const normalized = result.normalized > 0 ? `; ${result.normalized.toLocaleString('en')} rows normalized (version 1, updatedAt = createdAt, times to milliseconds)` : '';
  console.log(`Adopted ${result.total.toLocaleString('en')} rows (${by}) in ${result.seconds.toFixed(2)} s${normalized} (${where})`);
}, 2);
