import { verifyLog } from '../../src/events/verify';
import { startTestApp, type TestApp } from '../support/app';
import { createRecord, createWorkspace } from '../support/fixtures';

/**
 * `verifyLog` over a log written through GraphQL: intact, then with one event
 * changed or deleted by raw SQL (each tamper is undone afterwards, and the
 * log verifies again), naming exactly the first tampered event.
 */
let app: TestApp;
let itemId: string;
let workspaceId: string;
let commentId: string;

interface EventRef {
  position: bigint;
  id: string;
  resource: string;
  recordId: string;
  version: number;
}

beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  workspaceId = await createWorkspace(app, 'Verify');
  const memberId = await createRecord(app, 'Member', { name: 'Ada', email: 'ada@verify.test' });
  const milestoneId = await createRecord(app, 'Milestone', { name: 'Beta' });
  const created = await app.gql(
    `mutation($input: CreateItemInput!) { createItem(input: $input) { result { id comments { id } } errors { code message } } }`,
    { input: { title: 'Nested', workspaceId, comments: [{ body: 'first' }, { body: 'second' }], members: [{ id: memberId, role: 'ADMIN' }] } },
  );
  expect(created.body.data.createItem.errors).toEqual([]);
  itemId = created.body.data.createItem.result.id;
  commentId = created.body.data.createItem.result.comments[0].id;
  for (const title of ['Renamed', 'Renamed again']) {
    const updated = await app.gql(`mutation($id: ID!, $input: UpdateItemInput!) { updateItem(id: $id, input: $input) { errors { code } } }`, { id: itemId, input: { title } });
    expect(updated.body.data.updateItem.errors).toEqual([]);
  }
  const related = await app.gql(
    `mutation($id: ID!, $input: AddItemRelationInput!) { addItemRelation(id: $id, input: $input) { errors { code message } } }`,
    { id: itemId, input: { relationType: 'MILESTONE', relationId: milestoneId } },
  );
  expect(related.body.data.addItemRelation.errors).toEqual([]);
  const edited = await app.gql(`mutation($id: ID!) { updateComment(id: $id, input: { body: "edited" }) { errors { code } } }`, { id: commentId });
  expect(edited.body.data.updateComment.errors).toEqual([]);
});
afterAll(() => app.dispose());

async function eventOf(resource: string, recordId: string, version: number): Promise<EventRef> {
  const [row] = await app.db.sql.query<{ position: string; id: string }>(
    `SELECT position::text AS position, id::text AS id FROM "Event" WHERE resource = $1 AND "recordId" = $2::uuid AND version = $3`,
    [resource, recordId, version],
  );
  if (!row) throw new Error(`No event ${resource} ${recordId} v${version}.`);
  return { position: BigInt(row.position), id: row.id, resource, recordId, version };
}

/** Runs `tamper` (raw SQL), then `undo`, and checks the log verifies before and after. */
async function whileTampered(tamper: string, undo: string, check: () => Promise<void>): Promise<void> {
  expect((await verifyLog(app.db.sql)).ok).toBe(true);
  await app.prisma.$executeRawUnsafe(tamper);
  try {
    await check();
  } finally {
    await app.prisma.$executeRawUnsafe(undo);
  }
  expect((await verifyLog(app.db.sql)).ok).toBe(true);
}

/** Runs `check` while the event `id` is deleted (kept aside and put back after, verified intact before and after). */
async function whileDeleted(id: string, check: () => Promise<void>): Promise<void> {
  await app.prisma.$executeRawUnsafe(`CREATE TABLE "EventBackup" AS SELECT * FROM "Event" WHERE id = '${id}'`);
  try {
    await whileTampered(`DELETE FROM "Event" WHERE id = '${id}'`, `INSERT INTO "Event" SELECT * FROM "EventBackup"`, check);
  } finally {
    await app.prisma.$executeRawUnsafe(`DROP TABLE "EventBackup"`);
  }
}

const total = async () => Number((await app.db.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM "Event"', []))[0]!.n);

describe('verifyLog', () => {
  it('passes an untouched log, reporting every event checked and progress up to the total', async () => {
    const progress: [number, number][] = [];
    const result = await verifyLog(app.db.sql, (checked, of) => progress.push([checked, of]));
    const events = await total();
    expect(events).toBeGreaterThanOrEqual(10);
    expect(result).toEqual({ ok: true, events });
    expect(progress.at(-1)).toEqual([events, events]);
  });

  it('reads in keyset pages: a page size of 2 splits streams across pages and gives the same answer', async () => {
    const progress: number[] = [];
    const result = await verifyLog(app.db.sql, (checked) => progress.push(checked), { batchSize: 2 });
    expect(result).toEqual({ ok: true, events: await total() });
    expect(progress.length).toBeGreaterThan(4);
  });

  it('an edited payload is a hash mismatch at exactly that event, not at the later events of its stream', async () => {
    const edited = await eventOf('Item', itemId, 2);
    await whileTampered(
      `UPDATE "Event" SET payload = jsonb_set(payload, '{title}', '"Forged"') WHERE id = '${edited.id}'`,
      `UPDATE "Event" SET payload = jsonb_set(payload, '{title}', '"Renamed"') WHERE id = '${edited.id}'`,
      async () => {
        const result = await verifyLog(app.db.sql);
        expect(result).toEqual({ ok: false, events: await total(), firstBad: { ...edited, reason: expect.stringMatching(/^hash mismatch/) } });
      },
    );
  });

  it('an edited occurredAt is a hash mismatch at that event', async () => {
    const edited = await eventOf('Item', itemId, 4);
    await whileTampered(
      `UPDATE "Event" SET "occurredAt" = "occurredAt" + interval '1 second' WHERE id = '${edited.id}'`,
      `UPDATE "Event" SET "occurredAt" = "occurredAt" - interval '1 second' WHERE id = '${edited.id}'`,
      async () => {
        const result = await verifyLog(app.db.sql);
        expect(!result.ok && result.firstBad).toEqual({ ...edited, reason: expect.stringMatching(/^hash mismatch/) });
      },
    );
  });

  it('a rewritten stored hash is a mismatch at that event', async () => {
    const edited = await eventOf('Item', itemId, 3);
    const [{ hash }] = (await app.db.sql.query<{ hash: string }>(`SELECT hash FROM "Event" WHERE id = $1::uuid`, [edited.id])) as [{ hash: string }];
    await whileTampered(
      `UPDATE "Event" SET hash = '${'0'.repeat(64)}' WHERE id = '${edited.id}'`,
      `UPDATE "Event" SET hash = '${hash}' WHERE id = '${edited.id}'`,
      async () => {
        const result = await verifyLog(app.db.sql);
        expect(!result.ok && result.firstBad).toEqual({ ...edited, reason: expect.stringMatching(/^hash mismatch/) });
      },
    );
  });

  it('a deleted event is a missing version, reported at the event after the gap', async () => {
    const deleted = await eventOf('Item', itemId, 2);
    const next = await eventOf('Item', itemId, 3);
    await whileDeleted(deleted.id, async () => {
      const result = await verifyLog(app.db.sql);
      expect(result).toEqual({ ok: false, events: await total(), firstBad: { ...next, reason: 'missing version 2' } });
    });
  });

  it('a deleted first event: the stream starts at version 2', async () => {
    const deleted = await eventOf('Comment', commentId, 1);
    const second = await eventOf('Comment', commentId, 2);
    await whileDeleted(deleted.id, async () => {
      const result = await verifyLog(app.db.sql);
      expect(!result.ok && result.firstBad).toEqual({ ...second, reason: 'stream starts at version 2: missing version 1' });
    });
  });

  it('a truncated stream (its last event deleted) is named at its new last event: the head is ahead of the log', async () => {
    const last = await eventOf('Item', itemId, 4);
    const before = await eventOf('Item', itemId, 3);
    await whileDeleted(last.id, async () => {
      const result = await verifyLog(app.db.sql);
      expect(result).toEqual({
        ok: false, events: await total(),
        firstBad: { ...before, reason: 'truncated stream: its head is at version 4, but the log\'s last event of this record is version 3: version 4 was deleted' },
      });
    });
  });

  it('a stream without a head is named at its last event; a head without any event is named by its record', async () => {
    const last = await eventOf('Comment', commentId, 2);
    const head = `resource = 'Comment' AND "recordId" = '${commentId}'`;
    await whileTampered(`DELETE FROM "StreamHead" WHERE ${head}`, `INSERT INTO "StreamHead" SELECT 'Comment', '${commentId}', version, hash FROM "Event" WHERE ${head} AND version = 2`, async () => {
      const result = await verifyLog(app.db.sql);
      expect(!result.ok && result.firstBad).toEqual({ ...last, reason: expect.stringMatching(/^no stream head: /) });
    });
    const ghost = '0190a6f0-0000-7000-8000-00000000beef';
    await whileTampered(`INSERT INTO "StreamHead" VALUES ('Item', '${ghost}', 3, 'abc')`, `DELETE FROM "StreamHead" WHERE "recordId" = '${ghost}'`, async () => {
      const result = await verifyLog(app.db.sql);
      expect(!result.ok && result.firstBad).toEqual({
        position: null, id: null, resource: 'Item', recordId: ghost, version: 3,
        reason: 'truncated stream: its head is at version 3, but the log holds no event of this record: all of its events were deleted',
      });
    });
  });

  it('with several tampered streams, names the event with the smallest log position (not the first stream checked)', async () => {
    // Streams are checked in (resource, recordId) order: Comment before Item before Workspace,
    // but the workspace's creation is the earliest of these events in the log.
    const workspace = await eventOf('Workspace', workspaceId, 1);
    const comment = await eventOf('Comment', commentId, 1);
    expect(workspace.position).toBeLessThan(comment.position);
    const forge = (id: string, sql: string) => `UPDATE "Event" SET action = ${sql} WHERE id = '${id}'`;
    await whileTampered(
      forge(workspace.id, `'update'`),
      forge(workspace.id, `'create'`),
      async () => {
        await app.prisma.$executeRawUnsafe(forge(comment.id, `'update'`));
        try {
          const result = await verifyLog(app.db.sql, undefined, { batchSize: 3 });
          expect(!result.ok && result.firstBad).toEqual({ ...workspace, reason: expect.stringMatching(/^hash mismatch/) });
        } finally {
          await app.prisma.$executeRawUnsafe(forge(comment.id, `'create'`));
        }
      },
    );
  });
});
