import { evolve } from '../../src/engine/evolve';
import type { RecordState } from '../../src/engine/record';
import { readStream } from '../../src/events/store';
import { startTestApp, type TestApp } from '../support/app';
import { createWorkspace } from '../support/fixtures';
import { signedInAs } from '../support/tokens';

const CREATE = `mutation($input: CreateItemInput!) {
  createItem(input: $input) { result { id version title priority status workspaceId } errors { code message fields path } }
}`;
const UPDATE = `mutation($id: ID!, $input: UpdateItemInput!, $expectedVersion: Int) {
  updateItem(id: $id, input: $input, expectedVersion: $expectedVersion) { result { id version title priority status } errors { code message fields path } }
}`;
const DESTROY = `mutation($id: ID!, $expectedVersion: Int) {
  destroyItem(id: $id, expectedVersion: $expectedVersion) { result { id version title } errors { code message fields path } }
}`;

let app: TestApp;
let workspaceId: string;

beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  workspaceId = await createWorkspace(app);
});
afterAll(() => app.dispose());

/** The row in the Item table must equal the fold of the item's events. */
async function expectRowMatchesFold(id: string): Promise<RecordState | null> {
  const resource = app.domain.resource('Item');
  const events = await readStream(app.prisma, 'Item', id);
  const folded = events.reduce<RecordState | null>((state, event) => evolve(resource, state, event), null);
  const row = await app.prisma.item.findUnique({ where: { id } });
  // The row holds every attribute; the virtual `relations` list lives only in the fold.
  const { relations: _virtual, ...attributes } = folded ?? ({} as RecordState);
  expect(row).toEqual(folded ? attributes : null);
  return folded;
}

describe('event-sourced writes', () => {
  it('create appends exactly one event at version 1 and materializes the row from it', async () => {
    const before = await app.counts();
    const { body } = await app.gql(CREATE, { input: { title: 'Ship it', workspaceId } }, { 'x-request-id': 'req-create-1', ...(await signedInAs('0190a6f0-0000-7000-8000-000000000001')) });
    expect(body.errors).toBeUndefined();
    expect(body.data.createItem.errors).toEqual([]);
    const item = body.data.createItem.result;
    expect(item).toEqual({ id: expect.any(String), version: 1, title: 'Ship it', priority: 0, status: 'OPEN', workspaceId });

    const after = await app.counts();
    expect(after).toEqual({ ...before, events: before.events + 1, items: before.items + 1 });
    const [event, ...rest] = await readStream(app.prisma, 'Item', item.id);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      resource: 'Item', recordId: item.id, version: 1, action: 'create', payloadVersion: 1,
      payload: { title: 'Ship it', priority: 0, status: 'OPEN', workspaceId },
      actor: '0190a6f0-0000-7000-8000-000000000001', correlationId: '0190a6f0-0000-7000-8000-000000000001/req-create-1', causationId: null,
    });
    expect(event!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await expectRowMatchesFold(item.id);
  });

  it('a plain create is one SQL statement (event and row together, no transaction); a nested one is one guarded statement after its facts', async () => {
    app.resetQueries();
    const { body } = await app.gql(`mutation($input: CreateItemInput!) { createItem(input: $input) { errors { code } } }`, { input: { title: 'One statement', workspaceId } });
    expect(body.data.createItem.errors).toEqual([]);
    const writes = app.queries.filter((q) => !/^\s*SELECT/i.test(q));
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^WITH event AS \(\s*INSERT INTO "Event"[\s\S]*INSERT INTO "Item"/);
    expect(app.queries).toHaveLength(1);

    app.resetQueries();
    await app.gql(`mutation($input: CreateItemInput!) { createItem(input: $input) { errors { code } } }`, { input: { title: 'Nested', workspaceId, comments: [{ body: 'c' }] } });
    // The workspace's existence, then one guarded statement (no transaction needed: no lock): the append of both
    // events (with their stream heads), the item's and the comment's rows.
    const nested = app.queries.filter((q) => /INSERT INTO/.test(q));
    expect(nested).toHaveLength(1);
    expect(nested[0]).toMatch(/^WITH moves[\s\S]*INSERT INTO "Event"[\s\S]*rows0 AS \(INSERT INTO "Item"[\s\S]*rows1 AS \(INSERT INTO "Comment"[\s\S]*AS guard$/);
    expect(app.queries.some((q) => /BEGIN|COMMIT/i.test(q))).toBe(false);
  });

  it('rolls forward from the events: an update starts from the folded state, not from the materialized row', async () => {
    const { body } = await app.gql(CREATE, { input: { title: 'From events', workspaceId } });
    const id = body.data.createItem.result.id;
    // Someone edits the table behind the log's back: the row is now a stale, wrong copy.
    await app.prisma.item.update({ where: { id }, data: { title: 'edited in SQL', priority: 42 } });
    const updated = await app.gql(UPDATE, { id, input: { status: 'DONE' } });
    expect(updated.body.data.updateItem.errors).toEqual([]);
    // The new row is the fold of the events: the direct edit is gone.
    expect(await app.prisma.item.findUniqueOrThrow({ where: { id } })).toMatchObject({ title: 'From events', priority: 0, status: 'DONE', version: 2 });
    await expectRowMatchesFold(id);
  });

  it('update appends exactly one event with the next version, carrying only the changed fields', async () => {
    const { body: created } = await app.gql(CREATE, { input: { title: 'Draft', workspaceId, priority: 2 } });
    const id = created.data.createItem.result.id;
    const before = await app.counts();

    const { body } = await app.gql(UPDATE, { id, input: { title: 'Final', status: 'DONE' }, expectedVersion: 1 });
    expect(body.data.updateItem).toEqual({ result: { id, version: 2, title: 'Final', priority: 2, status: 'DONE' }, errors: [] });
    expect(await app.counts()).toEqual({ ...before, events: before.events + 1 });
    const events = await readStream(app.prisma, 'Item', id);
    expect(events.map((e) => [e.version, e.action, e.payload])).toEqual([
      [1, 'create', { title: 'Draft', priority: 2, status: 'OPEN', workspaceId }],
      [2, 'update', { title: 'Final', status: 'DONE' }],
    ]);
    const state = await expectRowMatchesFold(id);
    expect(state).toMatchObject({ version: 2, title: 'Final', priority: 2, status: 'DONE' });
  });

  it('destroy appends exactly one event, deletes the row and returns the last state', async () => {
    const { body: created } = await app.gql(CREATE, { input: { title: 'Temporary', workspaceId } });
    const id = created.data.createItem.result.id;
    await app.gql(UPDATE, { id, input: { priority: 5 } });
    const before = await app.counts();

    const { body } = await app.gql(DESTROY, { id, expectedVersion: 2 });
    expect(body.data.destroyItem).toEqual({ result: { id, version: 2, title: 'Temporary' }, errors: [] });
    expect(await app.counts()).toEqual({ ...before, events: before.events + 1, items: before.items - 1 });
    const events = await readStream(app.prisma, 'Item', id);
    expect(events.map((e) => [e.version, e.action])).toEqual([[1, 'create'], [2, 'update'], [3, 'destroy']]);
    expect(await expectRowMatchesFold(id)).toBeNull();
  });

  it('reads see a write made earlier in the same request', async () => {
    const { body } = await app.gql(
      `mutation($w: ID!) {
        a: createItem(input: { title: "First", workspaceId: $w }) { result { id } errors { code } }
        b: createItem(input: { title: "Second", workspaceId: $w }) { result { workspace { items { title } } } errors { code } }
      }`,
      { w: workspaceId },
    );
    const titles = body.data.b.result.workspace.items.map((i: { title: string }) => i.title);
    expect(titles.slice(-2)).toEqual(['First', 'Second']);
  });
});

describe('optimistic concurrency', () => {
  it('rejects an update at the wrong expectedVersion with STALE_RECORD and writes nothing', async () => {
    const { body: created } = await app.gql(CREATE, { input: { title: 'Contested', workspaceId } });
    const id = created.data.createItem.result.id;
    const before = await app.counts();
    const { body } = await app.gql(UPDATE, { id, input: { title: 'Mine' }, expectedVersion: 7 });
    expect(body.data.updateItem).toEqual({
      result: null,
      errors: [{
        code: 'STALE_RECORD',
        message: `Item "${id}" is at version 1, not the expected 7; reload it and retry.`,
        fields: ['expectedVersion'],
        path: ['expectedVersion'],
      }],
    });
    expect(await app.counts()).toEqual(before);
  });

  it('lets exactly one of two concurrent updates at the same version win', async () => {
    const { body: created } = await app.gql(CREATE, { input: { title: 'Race', workspaceId } });
    const id = created.data.createItem.result.id;
    const results = await Promise.all(
      ['left', 'right'].map((title) => app.gql(UPDATE, { id, input: { title }, expectedVersion: 1 })),
    );
    const codes = results.map((r) => r.body.data.updateItem.errors.map((e: { code: string }) => e.code)).flat();
    expect(codes).toEqual(['STALE_RECORD']);
    const events = await readStream(app.prisma, 'Item', id);
    expect(events.map((e) => e.version)).toEqual([1, 2]);
    await expectRowMatchesFold(id);
  });
});
