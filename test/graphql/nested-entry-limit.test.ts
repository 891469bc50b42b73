import { createApp } from '../../src/app/create-app';
import { countNestedEntries } from '../../src/graphql/nested-entries';
import { graphqlClient, startTestApp, type TestApp } from '../support/app';
import { createWorkspace } from '../support/fixtures';

/**
 * A mutation's input holds at most `maxNestedEntries` (default 1,000) nested
 * entries; more is INVALID_INPUT before any statement, and nothing is written.
 */
let app: TestApp;
let workspaceId: string;
beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  workspaceId = await createWorkspace(app, 'Entries');
});
afterAll(() => app.dispose());

const CREATE = 'mutation($input: CreateItemInput!) { createItem(input: $input) { result { id } errors { code path message } } }';
const comments = (n: number) => Array.from({ length: n }, (_, i) => ({ body: `c${i}` }));

describe('countNestedEntries', () => {
  it('counts list elements and inline objects at any depth, not the top level', () => {
    expect(countNestedEntries({ title: 'x' }, 1000)).toBe(0);
    expect(countNestedEntries({ workspace: { name: 'w' }, comments: comments(3) }, 1000)).toBe(4);
    expect(countNestedEntries({ dependencies: ['a', 'b'], members: [{ id: 'm', role: 'ADMIN' }] }, 1000)).toBe(3);
    expect(countNestedEntries({ workspace: { name: 'w', items: [{ comments: comments(2) }] } }, 1000)).toBe(4);
  });

  it('stops counting past the limit', () => {
    expect(countNestedEntries({ comments: comments(100_000) }, 10)).toBeGreaterThan(10);
  });
});

describe('the limit on nested entries', () => {
  it('refuses 1,001 nested comments at the default limit with INVALID_INPUT, before any statement', async () => {
    const before = await app.counts();
    app.resetQueries();
    const { status, body } = await app.gql(CREATE, { input: { title: 'Too many', workspaceId, comments: comments(1001) } });
    expect(status).toBe(200);
    expect(body.data.createItem).toEqual({
      result: null,
      errors: [{ code: 'INVALID_INPUT', path: ['input'], message: 'The input holds more than 1,000 nested entries (list elements and inline records), the most one request may write; split it into several requests.' }],
    });
    expect(app.queries).toEqual([]);
    expect(await app.counts()).toEqual(before);
  });

  it('takes the limit from createApp(db, { limits: { maxNestedEntries } }): exactly the limit runs, one more is refused', async () => {
    const gql = graphqlClient(createApp(app.db, { authorize: false, limits: { maxNestedEntries: 3 }, logger: { error: () => {}, info: () => {} } }).server);
    const ok = await gql(CREATE, { input: { title: 'Three', workspaceId, comments: comments(3) } });
    expect(ok.body.data.createItem.errors).toEqual([]);
    const refused = await gql(CREATE, { input: { title: 'Four', workspace: { name: 'Inline' }, comments: comments(3) } });
    expect(refused.body.data.createItem.errors.map((e: { code: string }) => e.code)).toEqual(['INVALID_INPUT']);
  });
});
