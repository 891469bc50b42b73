import { createApp } from '../../src/app/create-app';
import { graphqlClient, startTestApp, type TestApp } from '../support/app';
import { createItem, createWorkspace } from '../support/fixtures';
import { signedInAs, testAuthenticator } from '../support/tokens';

/**
 * Bulk mutations (`createItems(inputs)`, `updateItems(inputs)`,
 * `destroyItems(ids)`): one transaction, all or nothing, error paths that
 * start at the entry, each entry a root action of its own.
 */
let app: TestApp;
let workspaceId: string;
beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  workspaceId = await createWorkspace(app, 'Bulk');
});
afterAll(() => app.dispose());

const CREATE_ITEMS = `mutation($inputs: [CreateItemInput!]!) { createItems(inputs: $inputs) {
  results { id title version comments { body } } errors { code path message } } }`;
const UPDATE_ITEMS = `mutation($inputs: [UpdateItemsEntry!]!) { updateItems(inputs: $inputs) { results { id title version } errors { code path } } }`;
const DESTROY_ITEMS = `mutation($ids: [ID!]!) { destroyItems(ids: $ids) { results { id title } errors { code path } } }`;
const payloadOf = (body: { data?: any }) => Object.values(body.data ?? {})[0] as { results: any[] | null; errors: { code: string; path: string[] }[] };

describe('createItems', () => {
  it('creates every entry in order, each a root action with its own events, one correlation id', async () => {
    const { body } = await app.gql(CREATE_ITEMS, {
      inputs: [
        { title: 'First', workspaceId, comments: [{ body: 'a' }, { body: 'b' }] },
        { title: 'Second', workspaceId },
        { title: 'Third', workspace: { name: 'Inline' } },
      ],
    });
    const payload = payloadOf(body);
    expect(payload.errors).toEqual([]);
    expect(payload.results!.map((r) => [r.title, r.version, r.comments.map((c: { body: string }) => c.body)])).toEqual([
      ['First', 1, ['a', 'b']], ['Second', 1, []], ['Third', 1, []],
    ]);
    const roots = await app.prisma.event.findMany({ where: { recordId: { in: payload.results!.map((r) => r.id) } } });
    expect(roots.map((e) => e.causationId)).toEqual([null, null, null]);
    expect(new Set(roots.map((e) => e.correlationId)).size).toBe(1);
    const comments = await app.prisma.event.findMany({ where: { resource: 'Comment', causationId: roots.find((e) => e.recordId === payload.results![0].id)!.id } });
    expect(comments).toHaveLength(2);
  });

  it('writes nothing when one entry fails, and reports its errors at ["inputs", index, ...]', async () => {
    const before = await app.counts();
    const { body } = await app.gql(CREATE_ITEMS, {
      inputs: [{ title: 'Fine', workspaceId }, { title: 'Also fine', workspaceId }, { title: 'x'.repeat(501), workspaceId, comments: [{ body: 'ok' }] }],
    });
    const payload = payloadOf(body);
    expect(payload.results).toBeNull();
    expect(payload.errors.map(({ code, path }) => ({ code, path }))).toEqual([{ code: 'INVALID_INPUT', path: ['inputs', '2', 'title'] }]);
    expect(await app.counts()).toEqual(before);
  });

  it('refuses with FORBIDDEN at the entry when the policy says no (anonymous)', async () => {
    const guarded = graphqlClient(createApp(app.db, { logger: { error: () => {}, info: () => {} } }).server);
    const { body } = await guarded(CREATE_ITEMS, { inputs: [{ title: 'Nope', workspaceId }] });
    expect(payloadOf(body).errors.map(({ code, path }) => ({ code, path }))).toEqual([{ code: 'FORBIDDEN', path: ['inputs', '0'] }]);
  });

  it('counts the nested entries of all inputs against maxNestedEntries, before any statement', async () => {
    const small = graphqlClient(createApp(app.db, { authorize: false, limits: { maxNestedEntries: 3 }, logger: { error: () => {}, info: () => {} } }).server);
    app.resetQueries();
    const { body } = await small(CREATE_ITEMS, { inputs: [{ title: 'a', workspaceId }, { title: 'b', workspaceId, comments: [{ body: 'x' }, { body: 'y' }] }] });
    expect(payloadOf(body).errors.map(({ code, path }) => ({ code, path }))).toEqual([{ code: 'INVALID_INPUT', path: ['inputs'] }]);
    expect(app.queries).toEqual([]);
  });
});

describe('updateItems', () => {
  it('applies the entries in order: a later entry sees an earlier one', async () => {
    const id = await createItem(app, workspaceId, { title: 'v1' });
    const { body } = await app.gql(UPDATE_ITEMS, { inputs: [{ id, input: { title: 'v2' }, expectedVersion: 1 }, { id, input: { title: 'v3' }, expectedVersion: 2 }] });
    expect(payloadOf(body)).toEqual({ results: [{ id, title: 'v2', version: 2 }, { id, title: 'v3', version: 3 }], errors: [] });
  });

  it('a stale entry is STALE_RECORD at its expectedVersion, and nothing is written', async () => {
    const [a, b] = [await createItem(app, workspaceId, { title: 'a' }), await createItem(app, workspaceId, { title: 'b' })];
    const before = await app.counts();
    const { body } = await app.gql(UPDATE_ITEMS, { inputs: [{ id: a, input: { title: 'a2' } }, { id: b, input: { title: 'b2' }, expectedVersion: 7 }] });
    expect(payloadOf(body)).toEqual({ results: null, errors: [{ code: 'STALE_RECORD', path: ['inputs', '1', 'expectedVersion'] }] });
    expect(await app.counts()).toEqual(before);
  });

  it('a malformed id is INVALID_INPUT at its entry, with every other malformed entry, before any statement', async () => {
    app.resetQueries();
    const { body } = await app.gql(UPDATE_ITEMS, { inputs: [{ id: 'nope', input: { title: 'x' } }, { id: 'also-nope', input: { title: 'y' } }] });
    expect(payloadOf(body).errors).toEqual([{ code: 'INVALID_INPUT', path: ['inputs', '0', 'id'] }, { code: 'INVALID_INPUT', path: ['inputs', '1', 'id'] }]);
    expect(app.queries).toEqual([]);
  });
});

describe('destroyItems', () => {
  it('destroys every id and returns the records as they were; a missing id is NOT_FOUND at ["ids", index] and nothing goes', async () => {
    const [a, b] = [await createItem(app, workspaceId, { title: 'gone a' }), await createItem(app, workspaceId, { title: 'gone b' })];
    const before = await app.counts();
    const missing = '01900000-0000-7000-8000-00000000dead';
    const refused = await app.gql(DESTROY_ITEMS, { ids: [a, missing, b] });
    expect(payloadOf(refused.body)).toEqual({ results: null, errors: [{ code: 'NOT_FOUND', path: ['ids', '1'] }] });
    expect(await app.counts()).toEqual(before);

    const { body } = await app.gql(DESTROY_ITEMS, { ids: [a, b] });
    expect(payloadOf(body)).toEqual({ results: [{ id: a, title: 'gone a' }, { id: b, title: 'gone b' }], errors: [] });
    expect(await app.prisma.item.count({ where: { id: { in: [a, b] } } })).toBe(0);
  });
});

it('signed-in bulk writes follow the policies of each entry', async () => {
  const guarded = graphqlClient(createApp(app.db, { authenticate: testAuthenticator, logger: { error: () => {}, info: () => {} } }).server);
  const { body: member } = await guarded('mutation { createMember(input: { name: "Bulk", email: "bulk@bulk.test" }) { result { id } } }');
  const headers = await signedInAs(member.data.createMember.result.id);
  const { body } = await guarded('mutation { createWorkspaces(inputs: [{ name: "One" }, { name: "Two" }]) { results { name owner { id } } errors { code path } } }', undefined, headers);
  expect(payloadOf(body)).toEqual({ results: [{ name: 'One', owner: { id: member.data.createMember.result.id } }, { name: 'Two', owner: { id: member.data.createMember.result.id } }], errors: [] });
});
