import { createApp } from '../../src/app/create-app';
import { replay } from '../../src/engine/replay';
import { verifyLog } from '../../src/events/verify';
import { graphqlClient, startTestApp, type TestApp } from '../support/app';
import { snapshotTables, tableDifferences } from '../support/compare-tables';
import { Pools } from '../support/fuzz/pools';
import { Random } from '../support/fuzz/random';
import { failureReport, runFuzz, type FuzzStats } from '../support/fuzz/run';
import { seedFuzzData } from '../support/fuzz/seed-data';
import { testAuthenticator } from '../support/tokens';

/**
 * A seeded fuzz test built from the schema: thousands of random queries and
 * mutations (see test/support/fuzz/) from random actors, through GraphQL over
 * HTTP in-process, with authorization on. No response may be an HTTP 5xx or
 * carry an error without a stable code or with internal text, the server may
 * log no unexpected error, and afterwards the event log must replay to exactly
 * the live tables.
 *
 *   FUZZ_SEED=123 FUZZ_RUNS=10000 npm test -- test/fuzz
 *
 * A failure names the seed and the operation's index, query, variables and
 * actor; the same seed sends the same operations again.
 */
const envInt = (name: string, fallback: number) => {
  const text = process.env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer but got: ${JSON.stringify(text)}.`);
  return value;
};
const SEED = envInt('FUZZ_SEED', 20260501);
const RUNS = envInt('FUZZ_RUNS', 3000);
/** Failures shown in full (one per kind of problem). */
const SHOWN = envInt('FUZZ_SHOW', 12);

// About 20 s for the default 3,000 operations on PGlite (2 cores); generous for slower machines and PostgreSQL.
jest.setTimeout(60_000 + RUNS * 40);

let app: TestApp;
let stats: FuzzStats | undefined;
const pools = new Pools();

beforeAll(async () => {
  app = await startTestApp();
  // Setup writes skip the policies (a second server on the same database), so
  // the starting data does not depend on them; the fuzzing runs with them on.
  const setup = createApp(app.db, { authorize: false, authenticate: testAuthenticator, logger: { error: (...args) => void app.logged.push(args), info: () => {} } });
  await seedFuzzData(graphqlClient(setup.server), pools);
});
afterAll(async () => {
  if (stats) console.log(`fuzz seed ${SEED}: ${JSON.stringify(stats, null, 1)}`);
  await app?.dispose();
});

describe(`fuzzing the schema (FUZZ_SEED=${SEED}, FUZZ_RUNS=${RUNS})`, () => {
  it('answers every random operation without an HTTP 5xx, an error without a code, or an unmasked internal error', async () => {
    const run = await runFuzz(app, new Random(SEED), pools, RUNS);
    stats = run.stats;
    // A run that writes almost nothing would make the replay check below vacuous.
    expect({ operations: stats.operations, enoughWrites: stats.mutationsOk >= RUNS / 100 }).toEqual({ operations: RUNS, enoughWrites: true });
    if (run.failures.length > 0) throw new Error(failureReport(SEED, run.failures, SHOWN));
  });

  it('leaves an event log that replays to exactly the live tables, with intact hash chains', async () => {
    const live = await snapshotTables(app.db, app.domain);
    await replay(app.db, app.domain);
    const rebuilt = await snapshotTables(app.db, app.domain);
    expect({ seed: SEED, differences: tableDifferences(live, rebuilt) }).toEqual({ seed: SEED, differences: [] });
    expect(await verifyLog(app.db.sql)).toMatchObject({ ok: true });
  });
});
