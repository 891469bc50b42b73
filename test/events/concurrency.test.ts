import { readLog } from '../../src/events/log-reader';
import { readStream } from '../../src/events/store';
import { uuidv7 } from '../../src/events/uuidv7';
import { startTestApp, type TestApp } from '../support/app';
import { createItem, createWorkspace } from '../support/fixtures';

/**
 * Writers racing on one record, and a reader following the log while a slow
 * transaction is still open. On PGlite (one connection) transactions run one
 * after another, so the races resolve by the version check before the write;
 * on PostgreSQL they overlap and the unique (resource, recordId, version)
 * index decides.
 */
let app: TestApp;
let workspaceId: string;
beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  workspaceId = await createWorkspace(app, 'Race');
});
afterAll(() => app.dispose());

const UPDATE = `mutation($id: ID!, $input: UpdateItemInput!, $expectedVersion: Int) {
  updateItem(id: $id, input: $input, expectedVersion: $expectedVersion) { result { version title } errors { code path } }
}`;

describe('optimistic concurrency', () => {
  it('parallel updates with the same expected version: exactly one wins, the others get STALE_RECORD and write nothing', async () => {
    const id = await createItem(app, workspaceId, { title: 'start' });
    const writers = ['a', 'b', 'c', 'd', 'e', 'f'];
    const results = await Promise.all(writers.map((title) => app.gql(UPDATE, { id, input: { title }, expectedVersion: 1 })));
    const payloads = results.map((r) => r.body.data.updateItem);
    const winners = payloads.filter((p) => p.errors.length === 0);
    expect(winners).toHaveLength(1);
    for (const loser of payloads.filter((p) => p.errors.length > 0)) expect(loser.errors).toEqual([{ code: 'STALE_RECORD', path: ['expectedVersion'] }]);
    const events = await readStream(app.prisma, 'Item', id);
    expect(events.map((e) => e.version)).toEqual([1, 2]);
    expect((await app.prisma.item.findUniqueOrThrow({ where: { id } })).title).toBe(winners[0].result.title);
  });

  it('parallel updates without an expected version all apply, one after another (a lost race is retried)', async () => {
    const id = await createItem(app, workspaceId, { title: 'start' });
    const results = await Promise.all(['x', 'y', 'z'].map((title) => app.gql(UPDATE, { id, input: { title } })));
    expect(results.map((r) => r.body.data.updateItem.errors)).toEqual([[], [], []]);
    const events = await readStream(app.prisma, 'Item', id);
    expect(events.map((e) => e.version)).toEqual([1, 2, 3, 4]);
    expect(results.map((r) => r.body.data.updateItem.result.version).sort()).toEqual([2, 3, 4]);
  });
});

const onPostgres = Boolean(process.env.DATABASE_URL);
(onPostgres ? describe : describe.skip)('gap-safe reading by position (PostgreSQL: needs two connections)', () => {
  it('never skips an event a slower transaction commits after a faster one', async () => {
    const head = await readLog(app.db.sql, { after: null, limit: 100_000 });
    const cursor = head.at(-1)!;
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let slowInserted!: () => void;
    const inserted = new Promise<void>((resolve) => { slowInserted = resolve; });
    const slowId = uuidv7();
    // The slow transaction takes its position first and commits last.
    const slow = app.prisma.$transaction(async (tx) => {
      await tx.event.create({
        data: { id: slowId, resource: 'Milestone', recordId: uuidv7(), version: 1, action: 'create', payload: { name: 'slow', dueAt: null }, occurredAt: new Date(), hash: 'x' },
      });
      slowInserted();
      await held;
    }, { timeout: 20_000 });
    await inserted;
    const fast = await createWorkspace(app, 'fast');

    // While the slow one is open, the reader sees neither event: the fast one sits behind the open transaction.
    const during = await readLog(app.db.sql, { after: cursor, limit: 100 });
    expect(during.map((e) => e.recordId)).not.toContain(fast);
    expect(during.map((e) => e.id)).not.toContain(slowId);
    // By position alone the fast event would be read now and the slow one (a lower position) skipped later.
    const fastEvent = await app.prisma.event.findFirstOrThrow({ where: { recordId: fast } });
    const slowPosition = (await app.db.sql.query<{ position: string }>('SELECT position::text AS position FROM "Event" WHERE id = $1::uuid', [slowId]));
    expect(slowPosition).toEqual([]); // not visible to other connections yet
    expect(fastEvent.position).toBeGreaterThan(cursor.position);

    release();
    await slow;
    // Transaction ids are cluster-wide: other databases' open transactions may delay visibility a little (never order).
    let ids: string[] = [];
    for (let attempt = 0; attempt < 100 && !(ids.includes(slowId) && ids.includes(fastEvent.id)); attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      ids = (await readLog(app.db.sql, { after: cursor, limit: 1000 })).map((e) => e.id);
    }
    expect(ids).toContain(slowId);
    expect(ids).toContain(fastEvent.id);
    expect(ids.indexOf(slowId)).toBeLessThan(ids.indexOf(fastEvent.id));
    await app.prisma.event.delete({ where: { id: slowId } });
  });
});
