import { startTestApp, type TestApp } from '../support/app';
import { createItem, createWorkspace } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { signedInAs } from '../support/tokens';

/**
 * Reading the log through GraphQL: `history` on every type, `x(id, asOf)`
 * time travel, the root `events` list, event links and the actor and
 * correlation id stored on every event.
 */
let app: TestApp;
let workspaceId: string;
const ACTOR = '0190a6f0-0000-7000-8000-00000000abcd';

beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  workspaceId = await createWorkspace(app, 'History');
});
afterAll(() => app.dispose());

const UPDATE = `mutation($id: ID!, $input: UpdateItemInput!) { updateItem(id: $id, input: $input) { result { version } errors { code } } }`;
const pause = () => new Promise((resolve) => setTimeout(resolve, 15));

describe('history', () => {
  it('lists a record’s events oldest first, paginated by cursor, with actor, correlation id and hash', async () => {
    const id = await createItem(app, workspaceId, { title: 'v1' });
    for (const title of ['v2', 'v3']) {
      await app.gql(UPDATE, { id, input: { title } }, { ...(await signedInAs(ACTOR)), 'x-request-id': `req-${title}` });
    }
    const query = `query($id: ID!, $after: String) { item(id: $id) { history(first: 2, after: $after) {
      edges { cursor node { version action payload actor correlationId hash links { type } } } pageInfo { hasNextPage endCursor } } } }`;
    const first = (await app.gql(query, { id })).body.data.item.history;
    expect(first.edges.map((e: any) => [e.node.version, e.node.action])).toEqual([[1, 'create'], [2, 'update']]);
    expect(first.edges[1].node).toMatchObject({ payload: { title: 'v2' }, actor: ACTOR, correlationId: `${ACTOR}/req-v2`, links: [] });
    expect(first.edges[1].node.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await app.gql(query, { id, after: first.pageInfo.endCursor })).body.data.item.history;
    expect(second.edges.map((e: any) => e.node.version)).toEqual([3]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('loads the history of every record of a list in one statement', async () => {
    await createItem(app, workspaceId, { title: 'another' });
    app.resetQueries();
    const { body } = await app.gql(`{ items(first: 10) { edges { node { history { edges { node { version } } } } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.items.edges.length).toBeGreaterThan(1);
    expect(app.queries.filter((q) => q.includes('"Event"'))).toHaveLength(1);
  });

  it('refuses a foreign cursor and an out-of-range page size with INVALID_INPUT', async () => {
    const id = await createItem(app, workspaceId);
    const bad = await app.gql(`query($id: ID!) { item(id: $id) { history(after: "nope") { edges { cursor } } } }`, { id });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', inputPath: ['after'] });
    const big = await app.gql(`query($id: ID!) { item(id: $id) { history(first: 100000) { edges { cursor } } } }`, { id });
    expect(big.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', inputPath: ['first'] });
  });
});

describe('time travel: x(id, asOf)', () => {
  const AS_OF = `query($id: ID!, $asOf: DateTime) { item(id: $id, asOf: $asOf) { title version workspace { name } } }`;

  it('folds the events up to asOf: null before creation, each version in between, null after destroy', async () => {
    const before = new Date();
    await pause();
    const id = await createItem(app, workspaceId, { title: 'first' });
    await pause();
    const afterCreate = new Date();
    await pause();
    await app.gql(UPDATE, { id, input: { title: 'second' } });
    await pause();
    const afterUpdate = new Date();
    await pause();
    const destroyed = await app.gql(`mutation($id: ID!) { destroyItem(id: $id) { errors { code } } }`, { id });
    expect(destroyed.body.data.destroyItem.errors).toEqual([]);

    const at = async (asOf: Date | null) => (await app.gql(AS_OF, { id, asOf: asOf?.toISOString() ?? null })).body.data.item;
    expect(await at(before)).toBeNull();
    expect(await at(afterCreate)).toEqual({ title: 'first', version: 1, workspace: { name: 'History' } });
    expect(await at(afterUpdate)).toEqual({ title: 'second', version: 2, workspace: { name: 'History' } });
    expect(await at(new Date())).toBeNull();
    expect(await at(null)).toBeNull();
  });

  it('refuses a malformed asOf', async () => {
    const id = await createItem(app, workspaceId);
    const { body } = await app.gql(`query($id: ID!) { item(id: $id, asOf: "yesterday") { title } }`, { id });
    expect(body.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
  });
});

describe('the root events list', () => {
  it('follows the log with a cursor and filters by record, resource, action and correlation id', async () => {
    const id = await createItem(app, workspaceId, { title: 'logged' });
    await app.gql(UPDATE, { id, input: { title: 'logged 2' } }, { ...(await signedInAs(ACTOR)), 'x-request-id': 'req-log' });
    const query = `query($filter: EventFilter, $after: String) { events(filter: $filter, first: 1, after: $after) {
      edges { cursor node { recordId version action correlationId } } pageInfo { hasNextPage endCursor } } }`;
    const one = await eventually(async () => (await app.gql(query, { filter: { recordId: id } })).body.data.events, (page) => page.edges.length > 0 && page.pageInfo.hasNextPage);
    expect(one.edges.map((e: any) => e.node)).toMatchObject([{ recordId: id, version: 1, action: 'create' }]);
    expect(one.pageInfo.hasNextPage).toBe(true);
    const two = (await app.gql(query, { filter: { recordId: id }, after: one.pageInfo.endCursor })).body.data.events;
    expect(two.edges.map((e: any) => e.node)).toMatchObject([{ version: 2, action: 'update', correlationId: `${ACTOR}/req-log` }]);
    const byRequest = (await app.gql(query, { filter: { correlationId: `${ACTOR}/req-log`, resource: 'Item', action: 'update' } })).body.data.events;
    expect(byRequest.edges.map((e: any) => e.node.recordId)).toEqual([id]);
  });

  it('returns the whole log in order across pages', async () => {
    const total = await app.prisma.event.count();
    const readAll = async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const { body }: any = await app.gql(`query($after: String) { events(first: 7, after: $after) { edges { node { position } } pageInfo { hasNextPage endCursor } } }`, { after });
        seen.push(...body.data.events.edges.map((e: any) => e.node.position));
        if (!body.data.events.pageInfo.hasNextPage) return seen;
        after = body.data.events.pageInfo.endCursor;
      }
    };
    const seen = await eventually(readAll, (positions) => positions.length === total);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('refuses a malformed cursor or record id with INVALID_INPUT', async () => {
    const cursor = await app.gql(`{ events(after: "bG9nOng=") { edges { cursor } } }`);
    expect(cursor.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', inputPath: ['after'] });
    const id = await app.gql(`{ events(filter: { recordId: "nope" }) { edges { cursor } } }`);
    expect(id.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', inputPath: ['filter', 'recordId'] });
  });
});

describe('event links', () => {
  const CREATE_COMMENT = `mutation($input: CreateCommentInput!, $links: [CommentEventLinkInput!]) {
    createComment(input: $input, links: $links) { result { id history { edges { node { id links { type eventId event { action resource } } } } } } errors { code path message } }
  }`;

  it('stores a declared link type and reads it back with the linked event; nested writes link to their cause', async () => {
    const itemId = await createItem(app, workspaceId);
    const first = (await app.gql(CREATE_COMMENT, { input: { itemId, body: 'question' } })).body.data.createComment;
    const questionEvent = first.result.history.edges[0].node.id;
    const reply = (await app.gql(CREATE_COMMENT, { input: { itemId, body: 'answer' }, links: [{ type: 'REPLIES_TO', eventId: questionEvent }] })).body.data.createComment;
    expect(reply.errors).toEqual([]);
    expect(reply.result.history.edges[0].node.links).toEqual([{ type: 'replies_to', eventId: questionEvent, event: { action: 'create', resource: 'Comment' } }]);

    const nested = await app.gql(`mutation($input: CreateItemInput!) { createItem(input: $input) { result { comments { history { edges { node { links { type event { resource action } } } } } } } } }`, {
      input: { title: 'with comment', workspaceId, comments: [{ body: 'nested' }] },
    });
    expect(nested.body.data.createItem.result.comments[0].history.edges[0].node.links).toEqual([{ type: 'caused_by', event: { resource: 'Item', action: 'create' } }]);
  });

  it('refuses a link to an unknown event (NOT_FOUND) or with a malformed id (INVALID_INPUT), writing nothing', async () => {
    const itemId = await createItem(app, workspaceId);
    const before = await app.counts();
    const missing = (await app.gql(CREATE_COMMENT, { input: { itemId, body: 'x' }, links: [{ type: 'REPLIES_TO', eventId: '0190a6f0-0000-7000-8000-0000000000ff' }] })).body.data.createComment;
    expect(missing.errors).toMatchObject([{ code: 'NOT_FOUND', path: ['links', '0', 'eventId'] }]);
    const malformed = (await app.gql(CREATE_COMMENT, { input: { itemId, body: 'x' }, links: [{ type: 'REPLIES_TO', eventId: 'nope' }] })).body.data.createComment;
    expect(malformed.errors).toMatchObject([{ code: 'INVALID_INPUT', path: ['links', '0', 'eventId'] }]);
    const undeclared = await app.gql(CREATE_COMMENT, { input: { itemId, body: 'x' }, links: [{ type: 'EDITS', eventId: '0190a6f0-0000-7000-8000-0000000000ff' }] });
    expect(undeclared.body.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    expect(await app.counts()).toEqual(before);
  });
});
