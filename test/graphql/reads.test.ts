import { startTestApp, type TestApp } from '../support/app';
import { createItem, createWorkspace } from '../support/fixtures';

let app: TestApp;
let workspaceId: string;
let itemIds: string[];

const PAGE = `query($first: Int, $after: String, $last: Int, $before: String) {
  items(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id title } }
  }
}`;

beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  workspaceId = await createWorkspace(app, 'Reads');
  itemIds = [];
  for (const title of ['a', 'b', 'c', 'd', 'e']) itemIds.push(await createItem(app, workspaceId, { title }));
  await app.gql('mutation($itemId: ID!) { createComment(input: { itemId: $itemId, body: "first!" }) { errors { code } } }', { itemId: itemIds[0] });
});
afterAll(() => app.dispose());

describe('get by id', () => {
  it('returns the record with its belongsTo and hasMany relationships', async () => {
    const { body } = await app.gql(
      'query($id: ID!) { item(id: $id) { id title version workspace { name items { title } } comments { body item { title } } } }',
      { id: itemIds[0] },
    );
    expect(body).toEqual({
      data: {
        item: {
          id: itemIds[0], title: 'a', version: 1,
          workspace: { name: 'Reads', items: ['a', 'b', 'c', 'd', 'e'].map((title) => ({ title })) },
          comments: [{ body: 'first!', item: { title: 'a' } }],
        },
      },
    });
  });

  it('returns null for an id that does not exist', async () => {
    const { body } = await app.gql('{ item(id: "0190a6f0-0000-7000-8000-000000000000") { id } }');
    expect(body).toEqual({ data: { item: null } });
  });

  it('rejects a malformed id with INVALID_INPUT at ["id"]', async () => {
    const { body } = await app.gql('{ item(id: "42") { id } }');
    expect(body.errors).toEqual([{
      message: 'Expected a UUID but got: "42".',
      locations: [{ line: 1, column: 3 }],
      path: ['item'],
      extensions: { code: 'INVALID_INPUT', inputPath: ['id'] },
    }]);
  });
});

describe('Relay lists', () => {
  it('pages forwards in creation order with totalCount', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const pages: boolean[] = [];
    for (;;) {
      const { body } = await app.gql(PAGE, { first: 2, after });
      const { items } = body.data;
      expect(items.totalCount).toBe(5);
      seen.push(...items.edges.map((e: any) => e.node.title));
      pages.push(items.pageInfo.hasNextPage);
      if (!items.pageInfo.hasNextPage) break;
      after = items.pageInfo.endCursor;
    }
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pages).toEqual([true, true, false]);
  });

  it('pages backwards with last/before', async () => {
    const { body: end } = await app.gql(PAGE, { last: 2 });
    expect(end.data.items.edges.map((e: any) => e.node.title)).toEqual(['d', 'e']);
    expect(end.data.items.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const { body: earlier } = await app.gql(PAGE, { last: 2, before: end.data.items.pageInfo.startCursor });
    expect(earlier.data.items.edges.map((e: any) => e.node.title)).toEqual(['b', 'c']);
    expect(earlier.data.items.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const { body: start } = await app.gql(PAGE, { last: 5, before: earlier.data.items.pageInfo.startCursor });
    expect(start.data.items.edges.map((e: any) => e.node.title)).toEqual(['a']);
    expect(start.data.items.pageInfo.hasPreviousPage).toBe(false);
  });

  it('rejects a cursor it did not issue', async () => {
    const { body } = await app.gql(PAGE, { first: 1, after: 'bm90LWEtY3Vyc29y' });
    expect(body.errors![0]).toMatchObject({
      message: 'Invalid cursor for "after": use a cursor returned by this API (edges.cursor or pageInfo).',
      extensions: { code: 'INVALID_INPUT', inputPath: ['after'] },
    });
  });

  it('rejects first together with last, and page sizes beyond the limit', async () => {
    const both = await app.gql(PAGE, { first: 1, last: 1 });
    expect(both.body.errors![0]).toMatchObject({ message: 'Pass either "first" or "last", not both.', extensions: { code: 'INVALID_INPUT' } });
    const huge = await app.gql(PAGE, { first: 501 });
    expect(huge.body.errors![0]).toMatchObject({
      message: '"first" must be between 0 and 500 but got: 501.',
      extensions: { code: 'INVALID_INPUT', inputPath: ['first'] },
    });
  });
});
