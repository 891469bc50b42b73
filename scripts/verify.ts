/**
 * `npm run verify`: checks the event log of the configured database (DATABASE_URL,
 * else the PGlite folder DATA_DIR, default .data): every record stream's versions
 * run 1, 2, 3, ... and its hash chain recomputes, and its stream head names its last
 * event (src/events/verify.ts).
 * Exit code 0 when intact; 1 naming the first tampered event (smallest log position);
 * 2 when the check could not run (no database, no migrations).
 */
import { verifyLog } from '../src/events/verify';
import { progressBar } from './progress-bar';
import { withDatabase } from './with-database';

withDatabase(async (db, where) => {
  const bar = progressBar();
  const result = await verifyLog(db.sql, (checked, total) => bar.update('Events checked', checked, total));
  bar.clear();
  if (result.ok) {
    console.log(`OK: ${result.events} events, every hash chain intact (${where})`);
    return;
  }
  const bad = result.firstBad;
  const at = bad.id === null ? `${bad.resource} ${bad.recordId} (no event left)` : `position ${bad.position}: id ${bad.id}, ${bad.resource} ${bad.recordId}`;
  console.log(`TAMPERED: first tampered event at ${at} version ${bad.version}: ${bad.reason} (${result.events} events checked, ${where})`);
  process.exitCode = 1;
}, 2);
