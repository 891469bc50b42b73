import { Client } from 'pg';
import { replay } from '../../src/engine/replay';
import { verifyLog } from '../../src/events/verify';
import { startTestApp, type TestApp } from '../support/app';
import { expectSameTables, snapshotTables } from '../support/compare-tables';
import { createItem, createRecord, createWorkspace } from '../support/fixtures';
import { signedInAs } from '../support/tokens';

/**
 * The unit of work's deferred writes: every event appended once, at the end of
 * the decision, and rows written per model. A record created and then changed
 * again in the same request, refusals when the rows are written, races with
 * other transactions (a moved head, a lock, a deadlock), and the log
 * (versions, hash chain, causation) and a replay agreeing with the tables
 * afterwards.
 */
jest.setTimeout(60_000);

let app: TestApp;
let workspaceId: string;
let admin: string;
let other: string;
beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  workspaceId = await createWorkspace(app, 'Deferred');
  admin = await createRecord(app, 'Member', { name: 'Ada', email: 'ada@deferred.test' });
  other = await createRecord(app, 'Member', { name: 'Bo', email: 'bo@deferred.test' });
});
afterAll(() => app.dispose());

const ERRORS = 'errors { code path message }';
const UPDATE_ITEM = `mutation($id: ID!, $input: UpdateItemInput!, $expectedVersion: Int) {
  updateItem(id: $id, input: $input, expectedVersion: $expectedVersion) { result { id version title memberships { role member { id } } comments { id body } } ${ERRORS} } }`;
const CREATE_ITEM = `mutation($input: CreateItemInput!) { createItem(input: $input) {
  result { id version workspaceId memberships { role member { id } } comments { id body } } ${ERRORS} } }`;
const UPDATE_ITEMS = `mutation($inputs: [UpdateItemsEntry!]!) { updateItems(inputs: $inputs) { results { id title version memberships { role member { id } } } ${ERRORS} } }`;
const DESTROY_ITEMS = `mutation($ids: [ID!]!) { destroyItems(ids: $ids) { results { id } ${ERRORS} } }`;
const CREATE_MEMBERS = `mutation($inputs: [CreateMemberInput!]!) { createMembers(inputs: $inputs) { results { id } ${ERRORS} } }`;

const streamOf = (resource: string, recordId: string) =>
  app.prisma.event.findMany({ where: { resource, recordId }, orderBy: { version: 'asc' } });
const headOf = (resource: string, recordId: string) =>
  app.prisma.streamHead.findUnique({ where: { resource_recordId: { resource, recordId } } });

async function expectLogVerifies() {
  const result = await verifyLog(app.db.sql);
  expect(result).toEqual(expect.objectContaining({ ok: true }));
}

const adminItem = async (title: string) => createItem(app, workspaceId, { title, members: [{ id: admin, role: 'ADMIN' }] });

describe('a record written more than once in one request', () => {
  it('addMembers: [C], removeMembers: [C] adds then removes the join record: two events, one stream, verified', async () => {
    const id = await adminItem('Add then remove');
    const { body } = await app.gql(UPDATE_ITEM, { id, input: { addMembers: [{ id: other, role: 'VIEWER' }], removeMembers: [{ id: other }] } });
    expect(body.data.updateItem.errors).toEqual([]);
    expect(body.data.updateItem.result.memberships).toEqual([{ role: 'ADMIN', member: { id: admin } }]);
    expect(await app.prisma.itemMember.count({ where: { itemId: id, memberId: other } })).toBe(0);
    const root = (await streamOf('Item', id)).at(-1)!;
    expect(root.version).toBe(2);
    const joins = await app.prisma.event.findMany({ where: { resource: 'ItemMember', causationId: root.id }, orderBy: { position: 'asc' } });
    expect(joins.map((e) => [e.action, e.version])).toEqual([['create', 1], ['destroy', 2]]);
    expect(new Set(joins.map((e) => e.recordId)).size).toBe(1);
    expect(await headOf('ItemMember', joins[0]!.recordId)).toEqual(expect.objectContaining({ version: 2, hash: joins[1]!.hash }));
    await expectLogVerifies();
  });

  it('updateItems on the same id twice (no expectedVersion): versions 2 and 3, one chain', async () => {
    const id = await adminItem('Twice');
    const { body } = await app.gql(UPDATE_ITEMS, { inputs: [{ id, input: { title: 'T2' } }, { id, input: { title: 'T3' } }] });
    expect(body.data.updateItems.errors).toEqual([]);
    expect(body.data.updateItems.results.map((r: any) => [r.title, r.version])).toEqual([['T2', 2], ['T3', 3]]);
    const events = await streamOf('Item', id);
    expect(events.map((e) => [e.version, e.causationId])).toEqual([[1, null], [2, null], [3, null]]);
    expect(await headOf('Item', id)).toEqual(expect.objectContaining({ version: 3, hash: events[2]!.hash }));
    expect((await app.prisma.item.findUnique({ where: { id } }))).toEqual(expect.objectContaining({ title: 'T3', version: 3 }));
    await expectLogVerifies();
  });

  it('updateItems: a member added by one entry and removed by the next', async () => {
    const id = await adminItem('Bulk add remove');
    const { body } = await app.gql(UPDATE_ITEMS, {
      inputs: [{ id, input: { addMembers: [{ email: 'bo@deferred.test', role: 'EDITOR' }] } }, { id, input: { removeMembers: [{ email: 'bo@deferred.test' }] } }],
    });
    expect(body.data.updateItems.errors).toEqual([]);
    expect(body.data.updateItems.results.map((r: any) => r.memberships.length)).toEqual([1, 1]);
    expect(await app.prisma.itemMember.count({ where: { itemId: id } })).toBe(1);
    await expectLogVerifies();
  });

  it('updateItems with a stale second expectedVersion is STALE_RECORD at that entry, nothing written', async () => {
    const id = await adminItem('Stale second');
    const before = await app.counts();
    const { body } = await app.gql(UPDATE_ITEMS, { inputs: [{ id, input: { title: 'a' }, expectedVersion: 1 }, { id, input: { title: 'b' }, expectedVersion: 1 }] });
    expect(body.data.updateItems.errors.map((e: any) => [e.code, e.path])).toEqual([['STALE_RECORD', ['inputs', '1', 'expectedVersion']]]);
    expect(await app.counts()).toEqual(before);
    expect(await headOf('Item', id)).toEqual(expect.objectContaining({ version: 1 }));
  });

  it('destroyItems on the same id twice: NOT_FOUND at the second entry, nothing written', async () => {
    const id = await createItem(app, workspaceId, { title: 'Destroy twice', comments: [{ body: 'c' }] });
    const before = await app.counts();
    const { body } = await app.gql(DESTROY_ITEMS, { ids: [id, id] });
    expect(body.data.destroyItems.errors.map((e: any) => [e.code, e.path])).toEqual([['NOT_FOUND', ['ids', '1']]]);
    expect(await app.counts()).toEqual(before);
  });

  it('comments direct_control: update one, destroy one, create two in one request', async () => {
    const id = await createItem(app, workspaceId, { title: 'Direct', comments: [{ body: 'keep' }, { body: 'drop' }] });
    const item = await app.prisma.item.findUnique({ where: { id }, include: { comments: { orderBy: { id: 'asc' } } } });
    const [keep] = item!.comments;
    const { body } = await app.gql(UPDATE_ITEM, { id, input: { comments: [{ body: 'new 1' }, { id: keep!.id, body: 'kept' }, { body: 'new 2' }] } });
    expect(body.data.updateItem.errors).toEqual([]);
    expect(body.data.updateItem.result.comments.map((c: any) => c.body).sort()).toEqual(['kept', 'new 1', 'new 2']);
    const root = (await streamOf('Item', id)).at(-1)!;
    const caused = await app.prisma.event.findMany({ where: { causationId: root.id }, orderBy: { position: 'asc' } });
    expect(caused.map((e) => e.action).sort()).toEqual(['create', 'create', 'destroy', 'update']);
    await expectLogVerifies();
  });
});

describe('held-back rows', () => {
  it('a new workspace, comments and an ADMIN member in one create: rows, causation, heads', async () => {
    const { body } = await app.gql(CREATE_ITEM, {
      input: { title: 'All at once', workspace: { name: 'Inline' }, comments: [{ body: 'a' }, { body: 'b' }], members: [{ id: admin, role: 'ADMIN' }, { id: other, role: 'VIEWER' }] },
    });
    expect(body.data.createItem.errors).toEqual([]);
    const { id, workspaceId: inline } = body.data.createItem.result;
    expect(await app.prisma.workspace.findUnique({ where: { id: inline } })).toEqual(expect.objectContaining({ name: 'Inline' }));
    const [root] = await streamOf('Item', id);
    const caused = await app.prisma.event.findMany({ where: { causationId: root!.id } });
    expect(caused.map((e) => e.resource).sort()).toEqual(['Comment', 'Comment', 'ItemMember', 'ItemMember', 'Workspace']);
    for (const e of [root!, ...caused]) expect(await headOf(e.resource, e.recordId)).toEqual(expect.objectContaining({ version: 1, hash: e.hash }));
    await expectLogVerifies();
  });

  it('the same member twice (by id and by email) is a coded error, nothing written', async () => {
    const before = await app.counts();
    const joins = await app.prisma.itemMember.count();
    const { body } = await app.gql(CREATE_ITEM, {
      input: { title: 'Dup', workspaceId, members: [{ id: admin, role: 'ADMIN' }, { email: 'ada@deferred.test', role: 'VIEWER' }] },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.createItem.result).toBeNull();
    expect(body.data.createItem.errors.length).toBeGreaterThan(0);
    // Not caught by the planner (two lookup keys, one record): the join rows' unique key keeps the second out, at its entry.
    expect(body.data.createItem.errors.map((e: any) => [e.code, e.path])).toEqual([['CONFLICT', ['members', '1']]]);
    expect(app.logged).toEqual([]);
    expect(await app.counts()).toEqual(before);
    expect(await app.prisma.itemMember.count()).toBe(joins);
  });

  it('createMembers with a taken email in a later entry: CONFLICT at its email, nothing written', async () => {
    const before = await app.prisma.member.count();
    const events = await app.prisma.event.count();
    const { body } = await app.gql(CREATE_MEMBERS, { inputs: [{ name: 'x', email: 'x@deferred.test' }, { name: 'y', email: 'x@deferred.test' }] });
    expect(body.data.createMembers.errors.map((e: any) => [e.code, e.path])).toEqual([['CONFLICT', ['inputs', '1', 'email']]]);
    expect(await app.prisma.member.count()).toBe(before);
    expect(await app.prisma.event.count()).toBe(events);
  });

  it('check-only after the first error: nothing written, all errors reported', async () => {
    const before = await app.counts();
    const joins = await app.prisma.itemMember.count();
    const { body } = await app.gql(CREATE_ITEM, {
      input: { title: 'x'.repeat(501), workspace: { name: 'Never' }, comments: [{ body: 'a' }], members: [{ id: admin, role: 'ADMIN' }] },
    });
    expect(body.data.createItem.errors.map((e: any) => [e.code, e.path])).toEqual([['INVALID_INPUT', ['title']]]);
    expect(await app.counts()).toEqual(before);
    expect(await app.prisma.itemMember.count()).toBe(joins);
  });

  it('an item with members but no ADMIN is refused by the invariant after the held-back joins are written, nothing kept', async () => {
    const before = await app.counts();
    const joins = await app.prisma.itemMember.count();
    const { body } = await app.gql(CREATE_ITEM, { input: { title: 'No admin', workspaceId, comments: [{ body: 'a' }], members: [{ id: other, role: 'VIEWER' }] } });
    expect(body.data.createItem.errors.map((e: any) => [e.code, e.path])).toEqual([['INVALID_INPUT', ['members']]]);
    expect(await app.counts()).toEqual(before);
    expect(await app.prisma.itemMember.count()).toBe(joins);
  });

  it('destroying an item cascades its comments and memberships: events caused by the destroy, heads moved', async () => {
    const id = await createItem(app, workspaceId, { title: 'Doomed', comments: [{ body: 'a' }, { body: 'b' }], members: [{ id: admin, role: 'ADMIN' }] });
    const { body } = await app.gql(DESTROY_ITEMS, { ids: [id] });
    expect(body.data.destroyItems.errors).toEqual([]);
    const destroy = (await streamOf('Item', id)).at(-1)!;
    expect(destroy.action).toBe('destroy');
    const caused = await app.prisma.event.findMany({ where: { causationId: destroy.id } });
    expect(caused.map((e) => `${e.resource} ${e.action} ${e.version}`).sort()).toEqual(['Comment destroy 2', 'Comment destroy 2', 'ItemMember destroy 2']);
    for (const e of caused) expect(await headOf(e.resource, e.recordId)).toEqual(expect.objectContaining({ version: 2, hash: e.hash }));
    await expectLogVerifies();
  });
});

describe('with policies', () => {
  let guarded: TestApp;
  beforeAll(async () => {
    guarded = await startTestApp();
  });
  afterAll(() => guarded.dispose());

  it('a signed-in actor: inline workspace (relateActor owner), self as ADMIN, comments; then add and remove a member in one update', async () => {
    const me = await createRecord(guarded, 'Member', { name: 'Me', email: 'me@guarded.test' });
    const you = await createRecord(guarded, 'Member', { name: 'You', email: 'you@guarded.test' });
    const headers = await signedInAs(me);
    const created = await guarded.gql(CREATE_ITEM, {
      input: { title: 'Mine', workspace: { name: 'Private', private: true }, comments: [{ body: 'hi' }], members: [{ id: me, role: 'ADMIN' }] },
    }, headers);
    expect(created.body.data.createItem.errors).toEqual([]);
    const { id, workspaceId: ws } = created.body.data.createItem.result;
    expect(await guarded.prisma.workspace.findUnique({ where: { id: ws } })).toEqual(expect.objectContaining({ ownerId: me, private: true }));
    const updated = await guarded.gql(UPDATE_ITEM, { id, input: { addMembers: [{ id: you, role: 'EDITOR' }], removeMembers: [{ id: you }], comments: [{ body: 'replaced' }] } }, headers);
    expect(updated.body.data.updateItem.errors).toEqual([]);
    expect(updated.body.data.updateItem.result.comments.map((c: any) => c.body)).toEqual(['replaced']);
    // Someone else may not see it, nor change it.
    const denied = await guarded.gql(UPDATE_ITEM, { id, input: { title: 'x' } }, await signedInAs(you));
    expect(denied.body.data.updateItem.errors.map((e: any) => e.code)).toEqual(['NOT_FOUND']);
    expect((await verifyLog(guarded.db.sql)).ok).toBe(true);
  });

  it('createMembers with nested profiles (anonymous sign-up), two entries: rows, events, causation', async () => {
    const { body } = await guarded.gql(CREATE_MEMBERS, {
      inputs: [{ name: 'P1', email: 'p1@guarded.test', profile: { bio: 'one' } }, { name: 'P2', email: 'p2@guarded.test', profile: { bio: 'two' } }],
    });
    expect(body.data.createMembers.errors).toEqual([]);
    for (const { id } of body.data.createMembers.results) {
      const [root] = await guarded.prisma.event.findMany({ where: { resource: 'Member', recordId: id } });
      const profile = await guarded.prisma.profile.findFirst({ where: { memberId: id } });
      expect(profile).not.toBeNull();
      const [profileEvent] = await guarded.prisma.event.findMany({ where: { resource: 'Profile', recordId: profile!.id } });
      expect(profileEvent!.causationId).toBe(root!.id);
    }
    expect((await verifyLog(guarded.db.sql)).ok).toBe(true);
    const live = await snapshotTables(guarded.db, guarded.domain);
    await replay(guarded.db, guarded.domain);
    expectSameTables(await snapshotTables(guarded.db, guarded.domain), live);
  });
});

describe('snapshots within one request', () => {
  it('updateItems across a snapshot boundary on one id: the snapshot matches the fold, and the log verifies', async () => {
    const every = app.domain.resource('Item').events.snapshotEvery;
    const id = await adminItem('Snap');
    const inputs = Array.from({ length: every + 1 }, (_, i) => ({ id, input: { priority: i + 1 } }));
    const { body } = await app.gql(UPDATE_ITEMS, { inputs });
    expect(body.data.updateItems.errors).toEqual([]);
    const snapshots = await app.prisma.snapshot.findMany({ where: { resource: 'Item', recordId: id } });
    expect(snapshots.map((s) => s.version)).toEqual([every]);
    const events = await streamOf('Item', id);
    expect(snapshots[0]!.hash).toBe(events[every - 1]!.hash);
    expect(await headOf('Item', id)).toEqual(expect.objectContaining({ version: every + 2 }));
    await expectLogVerifies();
  });
});

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres('a head moved by another transaction while the write runs (PostgreSQL)', () => {
  /** Moves the record's head in another transaction, committed 400 ms into `request` (which then waits on it at its append). */
  async function racingHead<T>(resource: string, recordId: string, request: () => Promise<T>): Promise<T> {
    const otherTx = new Client({ connectionString: app.db.url });
    await otherTx.connect();
    try {
      await otherTx.query('BEGIN');
      await otherTx.query('UPDATE "StreamHead" SET version = version + 1 WHERE resource = $1 AND "recordId" = $2::uuid', [resource, recordId]);
      const pending = request();
      await new Promise((resolve) => setTimeout(resolve, 400));
      await otherTx.query('COMMIT');
      return await pending;
    } finally {
      await otherTx.end();
    }
  }

  it('with expectedVersion: STALE_RECORD at the append, after the rows were written, and nothing is kept', async () => {
    const id = await createItem(app, workspaceId, { title: 'Raced', members: [{ id: admin, role: 'ADMIN' }] });
    const head = (await headOf('Item', id))!;
    const before = await app.counts();
    const joins = await app.prisma.itemMember.count();
    const { body } = await racingHead('Item', id, () =>
      app.gql(UPDATE_ITEM, { id, expectedVersion: 1, input: { title: 'Lost', addMembers: [{ id: other, role: 'VIEWER' }] } }));
    expect(body.data.updateItem.errors.map((e: any) => [e.code, e.path])).toEqual([['STALE_RECORD', ['expectedVersion']]]);
    expect(await app.counts()).toEqual(before);
    expect(await app.prisma.itemMember.count()).toBe(joins);
    expect(await app.prisma.item.findUnique({ where: { id } })).toEqual(expect.objectContaining({ title: 'Raced', version: 1 }));
    // Put the head back (the other transaction only pretended to append).
    await app.prisma.streamHead.update({ where: { resource_recordId: { resource: 'Item', recordId: id } }, data: { version: head.version } });
  });

  it('in a bulk write: STALE_RECORD at the entry whose record moved, nothing written', async () => {
    const [a, b] = [await adminItem('Bulk raced a'), await adminItem('Bulk raced b')];
    const before = await app.counts();
    const { body } = await racingHead('Item', b, () =>
      app.gql(UPDATE_ITEMS, { inputs: [{ id: a, input: { title: 'a2' }, expectedVersion: 1 }, { id: b, input: { title: 'b2' }, expectedVersion: 1 }] }));
    expect(body.data.updateItems.errors.map((e: any) => [e.code, e.path])).toEqual([['STALE_RECORD', ['inputs', '1', 'expectedVersion']]]);
    expect(await app.counts()).toEqual(before);
    // The other entry's head, which the one guarded statement had moved, was moved back with it (the statement failed whole).
    expect(await headOf('Item', a)).toEqual(expect.objectContaining({ version: 1 }));
    await app.prisma.streamHead.update({ where: { resource_recordId: { resource: 'Item', recordId: b } }, data: { version: 1 } });
  });

  it('a deadlock with another transaction is retried: the write, chosen as the victim, runs again and wins', async () => {
    const id = await adminItem('Deadlocked');
    const { body: created } = await app.gql(UPDATE_ITEM, { id, input: { comments: [{ body: 'first' }] } });
    const comment = created.data.updateItem.result.comments[0].id as string;
    const lock = 'SELECT 1 FROM "StreamHead" WHERE resource = $1 AND "recordId" = $2::uuid FOR UPDATE';
    const otherTx = new Client({ connectionString: app.db.url });
    await otherTx.connect();
    try {
      await otherTx.query('BEGIN');
      await otherTx.query(lock, ['Comment', comment]);
      // The write locks the item's head (first round), then waits for the comment's (a later round).
      const pending = app.gql(UPDATE_ITEM, { id, input: { comments: [{ id: comment, body: 'changed' }] } });
      await new Promise((resolve) => setTimeout(resolve, 400));
      // The other transaction now waits for the item's head: a cycle. The write waited first, so PostgreSQL's check
      // (after deadlock_timeout) aborts it; the other one gets the lock and commits; the write runs again.
      await otherTx.query(lock, ['Item', id]);
      await otherTx.query('COMMIT');
      const { body } = await pending;
      expect(body.data.updateItem.errors).toEqual([]);
      expect(body.data.updateItem.result.comments).toEqual([{ id: comment, body: 'changed' }]);
      expect(app.logged).toEqual([]);
    } finally {
      await otherTx.end();
    }
    await expectLogVerifies();
  });

  it('without expectedVersion the writer waits for the head lock and wins', async () => {
    const id = await adminItem('Waits');
    const otherTx = new Client({ connectionString: app.db.url });
    await otherTx.connect();
    try {
      await otherTx.query('BEGIN');
      await otherTx.query('SELECT 1 FROM "StreamHead" WHERE resource = $1 AND "recordId" = $2::uuid FOR UPDATE', ['Item', id]);
      const pending = app.gql(UPDATE_ITEM, { id, input: { title: 'After the lock', addMembers: [{ id: other, role: 'VIEWER' }] } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await otherTx.query('COMMIT');
      const { body } = await pending;
      expect(body.data.updateItem.errors).toEqual([]);
      expect(body.data.updateItem.result.version).toBe(2);
    } finally {
      await otherTx.end();
    }
    await expectLogVerifies();
  });
});

describe('replay', () => {
  it('reproduces the tables after everything above', async () => {
    await expectLogVerifies();
    const live = await snapshotTables(app.db, app.domain);
    await replay(app.db, app.domain);
    expectSameTables(await snapshotTables(app.db, app.domain), live);
  });
});
