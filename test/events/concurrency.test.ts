import { readLog } from '../../src/events/log-reader';
import { readStream } from '../../src/events/store';
import { uuidv7 } from '../../src/events/uuidv7';
import { startTestApp, type TestApp } from '../support/app';
import { createItem, createWorkspace } from '../support/fixtures';

/**
 * Writers racing on one record, and a reader following the log while a slow
 * transaction is still open. On PGlite (one connection) transactions run one
 * after another, so the races resolve by the version check before the write;
 * on PostgreSQL they overlap: a writer without an expected version waits for
 * the record's stream head (locked before its fold), one with an expected
 * version loses at the conditional head move.
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

  it('parallel updates without an expected version all apply, one after another (they take turns on the stream head)', async () => {
    const id = await createItem(app, workspaceId, { title: 'start' });
    const results = await Promise.all(['x', 'y', 'z'].map((title) => app.gql(UPDATE, { id, input: { title } })));
    expect(results.map((r) => r.body.data.updateItem.errors)).toEqual([[], [], []]);
    const events = await readStream(app.prisma, 'Item', id);
    expect(events.map((e) => e.version)).toEqual([1, 2, 3, 4]);
    expect(results.map((r) => r.body.data.updateItem.result.version).sort()).toEqual([2, 3, 4]);
  });
});

const headOf = async (id: string) =>
  (await app.db.sql.query<{ version: number; hash: string }>(`SELECT version, hash FROM "StreamHead" WHERE resource = 'Item' AND "recordId" = $1::uuid`, [id]))[0];

describe('stream heads under load', () => {
  const WRITERS = 16;

  it(`${WRITERS} writers without an expected version on one record: none is refused, the versions run 2..${WRITERS + 1}, the head names the last event`, async () => {
    const id = await createItem(app, workspaceId, { title: 'start' });
    const results = await Promise.all(Array.from({ length: WRITERS }, (_, i) => app.gql(UPDATE, { id, input: { title: `w${i}` } })));
    const payloads = results.map((r) => r.body.data.updateItem);
    expect(payloads.filter((p) => p.errors.length > 0)).toEqual([]);
    expect(payloads.map((p) => p.result.version).sort((a, b) => a - b)).toEqual(Array.from({ length: WRITERS }, (_, i) => i + 2));
    const events = await readStream(app.prisma, 'Item', id);
    expect(events.map((e) => e.version)).toEqual(Array.from({ length: WRITERS + 1 }, (_, i) => i + 1));
    expect(await headOf(id)).toEqual({ version: WRITERS + 1, hash: events.at(-1)!.hash });
    const row = await app.prisma.item.findUniqueOrThrow({ where: { id } });
    expect({ version: row.version, title: row.title }).toEqual({ version: WRITERS + 1, title: events.at(-1)!.payload.title });
  });

  it('writers with an expected version, round after round: exactly one winner per version, the losers write nothing', async () => {
    const id = await createItem(app, workspaceId, { title: 'start' });
    for (let version = 1; version <= 4; version++) {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => app.gql(UPDATE, { id, input: { title: `v${version}w${i}` }, expectedVersion: version })));
      const payloads = results.map((r) => r.body.data.updateItem);
      const winners = payloads.filter((p) => p.errors.length === 0);
      expect(winners.map((w) => w.result.version)).toEqual([version + 1]);
      for (const loser of payloads.filter((p) => p.errors.length > 0)) expect(loser.errors).toEqual([{ code: 'STALE_RECORD', path: ['expectedVersion'] }]);
      expect((await readStream(app.prisma, 'Item', id)).map((e) => e.version)).toEqual(Array.from({ length: version + 1 }, (_, i) => i + 1));
      expect((await headOf(id))!.version).toBe(version + 1);
    }
  });

  it('a stale expected version writes nothing: no event, no head move, no row change', async () => {
    const id = await createItem(app, workspaceId, { title: 'start' });
    await app.gql(UPDATE, { id, input: { title: 'second' } });
    const head = await headOf(id);
    const { body } = await app.gql(UPDATE, { id, input: { title: 'stale' }, expectedVersion: 1 });
    expect(body.data.updateItem.errors).toEqual([{ code: 'STALE_RECORD', path: ['expectedVersion'] }]);
    expect((await readStream(app.prisma, 'Item', id)).map((e) => e.version)).toEqual([1, 2]);
    expect(await headOf(id)).toEqual(head);
    expect((await app.prisma.item.findUniqueOrThrow({ where: { id } })).title).toBe('second');
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
