import { startTestApp, type TestApp } from '../support/app';
import { createItem, createWorkspace } from '../support/fixtures';

let app: TestApp;
const items: Record<string, string> = {};

async function comment(itemId: string, body: string) {
  const { body: res } = await app.gql('mutation($input: CreateCommentInput!) { createComment(input: $input) { errors { code } } }', { input: { itemId, body } });
  expect(res.data.createComment.errors).toEqual([]);
}

beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  const alpha = await createWorkspace(app, 'Alpha');
  const beta = await createWorkspace(app, 'Beta');
  items.a1 = await createItem(app, alpha, { title: 'a1', priority: 1 });
  items.a2 = await createItem(app, alpha, { title: 'a2', priority: 5, status: 'DONE' });
  items.a3 = await createItem(app, alpha, { title: 'a3', priority: 3 });
  items.b1 = await createItem(app, beta, { title: 'b1', priority: 4 });
  for (const body of ['w', 'x', 'y', 'z']) await comment(items.a1, body);
  for (const body of ['k', 'l']) await comment(items.a2, body);
  await comment(items.b1, 'only');
});
afterAll(() => app.dispose());

const titles = (list: { title: string }[]) => list.map((i) => i.title);

describe('to-many relationship arguments', () => {
  it('applies limit and offset per parent, not in total', async () => {
    const { body } = await app.gql(`{ items(filter: { workspace: { name: { eq: "Alpha" } } }) { edges { node { title comments(limit: 2, offset: 1) { body } } } } }`);
    expect(body.data.items.edges.map((e: any) => [e.node.title, e.node.comments.map((c: any) => c.body)])).toEqual([
      ['a1', ['x', 'y']],
      ['a2', ['l']],
      ['a3', []],
    ]);
  });

  it('sorts per parent by several keys, ties broken by creation order', async () => {
    const { body } = await app.gql(`{ workspaces { edges { node { name items(sort: [{ field: STATUS, order: DESC }, { field: PRIORITY }]) { title } } } } }`);
    expect(body.data.workspaces.edges.map((e: any) => titles(e.node.items))).toEqual([['a2', 'a1', 'a3'], ['b1']]);
  });

  it('loads two aliases of one relationship with different arguments correctly', async () => {
    const { body } = await app.gql(`query($id: ID!) { item(id: $id) {
      first: comments(limit: 1) { body }
      last: comments(sort: [{ field: BODY, order: DESC }], limit: 1) { body }
      all: comments { body }
    } }`, { id: items.a1 });
    expect(body.data.item).toEqual({ first: [{ body: 'w' }], last: [{ body: 'z' }], all: ['w', 'x', 'y', 'z'].map((b) => ({ body: b })) });
  });

  it('filters related records with operators', async () => {
    const { body } = await app.gql(`{ workspaces { edges { node { items(filter: { or: [{ priority: { gte: 4 } }, { title: { startsWith: "a1" } }], not: { status: { eq: DONE } } }) { title } } } } }`);
    expect(body.data.workspaces.edges.map((e: any) => titles(e.node.items))).toEqual([['a1'], ['b1']]);
  });

  it('rejects a negative offset or a limit past the maximum, before any SQL runs', async () => {
    app.resetQueries();
    const { body } = await app.gql(`query($id: ID!) { item(id: $id) { comments(limit: 501) { body } } }`, { id: items.a1 });
    expect(body.errors![0]).toMatchObject({ message: '"limit" must be between 0 and 500 but got: 501.', extensions: { code: 'INVALID_INPUT', inputPath: ['limit'] } });
    const { body: negative } = await app.gql(`query($id: ID!) { item(id: $id) { comments(offset: -1) { body } } }`, { id: items.a1 });
    expect(negative.errors![0]).toMatchObject({ extensions: { code: 'INVALID_INPUT', inputPath: ['offset'] } });
  });
});

describe('root list filters', () => {
  const filtered = async (filter: unknown) => {
    const { body } = await app.gql('query($filter: ItemFilter) { items(filter: $filter) { totalCount edges { node { title } } } }', { filter });
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return { count: body.data.items.totalCount, titles: body.data.items.edges.map((e: any) => e.node.title) };
  };

  it.each([
    [{ title: { eq: 'a2' } }, ['a2']],
    [{ title: { ne: 'a2' } }, ['a1', 'a3', 'b1']],
    [{ title: { in: ['a1', 'b1'] } }, ['a1', 'b1']],
    [{ title: { notIn: ['a1', 'b1'] } }, ['a2', 'a3']],
    [{ priority: { lt: 3 } }, ['a1']],
    [{ priority: { lte: 3 } }, ['a1', 'a3']],
    [{ priority: { gt: 3 } }, ['a2', 'b1']],
    [{ priority: { gte: 3, lt: 5 } }, ['a3', 'b1']],
    [{ title: { contains: '1' } }, ['a1', 'b1']],
    [{ title: { startsWith: 'b' } }, ['b1']],
    // LIKE wildcards in a client's value are matched literally.
    [{ title: { contains: '%' } }, []],
    [{ title: { contains: 'a_' } }, []],
    [{ title: { startsWith: '_1' } }, []],
    [{ status: { isNull: false } }, ['a1', 'a2', 'a3', 'b1']],
    [{ status: { isNull: true } }, []],
    [{ and: [{ priority: { gt: 1 } }, { priority: { lt: 5 } }] }, ['a3', 'b1']],
    [{ or: [{ title: { eq: 'a1' } }, { title: { eq: 'b1' } }] }, ['a1', 'b1']],
    [{ not: { workspace: { name: { eq: 'Alpha' } } } }, ['b1']],
    [{ comments: { some: { body: { eq: 'k' } } } }, ['a2']],
    [{ comments: { every: { body: { in: ['k', 'l'] } } } }, ['a2', 'a3']],
    [{ comments: { none: {} } }, ['a3']],
  ])('filters %j', async (filter, expected) => {
    expect(await filtered(filter)).toEqual({ count: expected.length, titles: expected });
  });

  it('filters to-many through a to-one relationship', async () => {
    const { body } = await app.gql(`{ workspaces(filter: { items: { some: { comments: { some: { body: { eq: "only" } } } } } }) { edges { node { name } } } }`);
    expect(body.data.workspaces.edges).toEqual([{ node: { name: 'Beta' } }]);
  });

  it('rejects a malformed id in a filter at its path', async () => {
    const { body } = await app.gql('{ items(filter: { workspaceId: { in: ["x"] } }) { totalCount } }');
    expect(body.errors![0]).toMatchObject({ message: 'Expected a UUID but got: "x".', extensions: { code: 'INVALID_INPUT', inputPath: ['filter', 'workspaceId', 'in', '0'] } });
  });
});

describe('SQL statements per request', () => {
  const NESTED = `query($first: Int) { workspaces(first: $first) { edges { node { name items(limit: 100) { title workspace { name } comments(limit: 3) { body } } } } } }`;

  async function statementsFor(first: number): Promise<number> {
    app.resetQueries();
    const { body } = await app.gql(NESTED, { first });
    expect(body.errors).toBeUndefined();
    return app.queries.length;
  }

  it('is one per relationship level, whatever the number of parents', async () => {
    // workspaces page, items of all workspaces, workspace of all items, comments of all items
    expect(await statementsFor(1)).toBe(4);
    expect(await statementsFor(2)).toBe(4);
  });
});
