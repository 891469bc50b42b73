import { createApp } from '../../src/app/create-app';
import { graphqlClient, startTestApp, type TestApp } from '../support/app';
import { createItems, createRecord, createWorkspace } from '../support/fixtures';

const SECRET = 'pagination-test-cursor-secret-01';
const NOT_ISSUED = (argument: string) => `Invalid cursor for "${argument}": use a cursor returned by this API (edges.cursor or pageInfo).`;
const OTHER_SORT = (argument: string) =>
  `Invalid cursor for "${argument}": it belongs to another list or another sort order; pass it back to the same list with the same \`sort\`.`;

/** Created in this order; ties on priority, title and status on purpose (items 0 and 8 tie on all three). */
const ITEMS = [
  { title: 'b', priority: 2, status: 'OPEN' },
  { title: 'a', priority: 1, status: 'DONE' },
  { title: 'b', priority: 2, status: 'DONE' },
  { title: 'c', priority: 3, status: 'OPEN' },
  { title: 'a', priority: 2, status: 'OPEN' },
  { title: 'b', priority: 1, status: 'OPEN' },
  { title: 'c', priority: 2, status: 'DONE' },
  { title: 'a', priority: 3, status: 'DONE' },
  { title: 'b', priority: 2, status: 'OPEN' },
];

const ITEMS_QUERY = `query($sort: [ItemSort!], $filter: ItemFilter, $first: Int, $after: String, $last: Int, $before: String) {
  items(sort: $sort, filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id title priority status createdAt } }
  }
}`;

const WORKSPACES_QUERY = `query($sort: [WorkspaceSort!], $first: Int, $after: String, $last: Int, $before: String) {
  workspaces(sort: $sort, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id name private } }
  }
}`;

type Sort = { field: string; order?: 'ASC' | 'DESC' }[];
type Node = { id: string; [field: string]: unknown };
type Connection = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: Node }[];
};

let app: TestApp;
/** Item ids in creation order (index = position in ITEMS). */
let itemIds: string[];

beforeAll(async () => {
  app = await startTestApp({ cursorSecret: SECRET, authorize: false });
  const workspaceId = await createWorkspace(app, 'main');
  await createWorkspace(app, 'quince', { private: true });
  await createWorkspace(app, 'pear', { private: true });
  await createWorkspace(app, 'rose');
  itemIds = await createItems(app, workspaceId, ITEMS);
});
afterAll(() => app?.dispose());

/** One page of a list, which must succeed. */
async function page(query: string, list: string, variables: Record<string, unknown>): Promise<Connection> {
  const { status, body } = await app.gql(query, variables);
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data[list];
}

const items = (variables: Record<string, unknown>) => page(ITEMS_QUERY, 'items', variables);
const ids = (connection: Connection) => connection.edges.map((e) => e.node.id);
const positions = (connection: Connection) => ids(connection).map((id) => itemIds.indexOf(id));

/** Walks the whole list with `first`/`after`, checking pageInfo and totalCount on every page. */
async function forwards(query: string, list: string, variables: Record<string, unknown>, size: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const connection: Connection = await page(query, list, { ...variables, first: size, after });
    seen.push(...ids(connection));
    expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
    expect(connection.pageInfo.hasNextPage).toBe(seen.length < connection.totalCount);
    if (!connection.pageInfo.hasNextPage) return seen;
    after = connection.pageInfo.endCursor;
  }
}

/** Walks the whole list with `last`/`before`, from the end. */
async function backwards(query: string, list: string, variables: Record<string, unknown>, size: number): Promise<string[]> {
  const seen: string[] = [];
  let before: string | null = null;
  for (;;) {
    const connection: Connection = await page(query, list, { ...variables, last: size, before });
    seen.unshift(...ids(connection));
    expect(connection.pageInfo.hasNextPage).toBe(before !== null);
    expect(connection.pageInfo.hasPreviousPage).toBe(seen.length < connection.totalCount);
    if (!connection.pageInfo.hasPreviousPage) return seen;
    before = connection.pageInfo.startCursor;
  }
}

/** The order the API promises: keys in turn (enums by declaration, booleans false first), then id ascending. */
function expectedOrder(nodes: Node[], sort: Sort): string[] {
  const rank = (field: string, value: unknown) => (field === 'STATUS' ? ['OPEN', 'DONE'].indexOf(value as string) : value) as never;
  const keys = [...sort, ...(sort.some((s) => s.field === 'ID') ? [] : [{ field: 'ID', order: 'ASC' as const }])];
  const attribute = (field: string) => field.toLowerCase().replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
  return [...nodes].sort((x, y) => {
    for (const { field, order } of keys) {
      const [a, b] = [x, y].map((n) => rank(field, n[attribute(field)]));
      if (a !== b) return (a < b ? -1 : 1) * (order === 'DESC' ? -1 : 1);
    }
    return 0;
  }).map((n) => n.id);
}

describe('root list sort', () => {
  it('sorts by several keys, breaking the remaining ties by id', async () => {
    const all = await items({ sort: [{ field: 'PRIORITY', order: 'DESC' }, { field: 'TITLE' }] });
    expect(positions(all)).toEqual([7, 3, 4, 0, 2, 8, 6, 1, 5]);
    expect(all.totalCount).toBe(9);
  });

  it('sorts descending', async () => {
    expect(positions(await items({ sort: [{ field: 'PRIORITY', order: 'DESC' }] }))).toEqual([3, 7, 0, 2, 4, 6, 8, 1, 5]);
    expect(positions(await items({ sort: [{ field: 'ID', order: 'DESC' }] }))).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('sorts an enum in declaration order (OPEN before DONE), not alphabetically', async () => {
    expect(positions(await items({ sort: [{ field: 'STATUS' }] }))).toEqual([0, 3, 4, 5, 8, 1, 2, 6, 7]);
    expect(positions(await items({ sort: [{ field: 'STATUS', order: 'DESC' }, { field: 'PRIORITY' }] }))).toEqual([1, 2, 6, 7, 5, 0, 4, 8, 3]);
  });

  it('keeps creation order without a sort', async () => {
    expect(positions(await items({}))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(positions(await items({ sort: [] }))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('keyset pagination over the sort', () => {
  const sorts: Sort[] = [
    [],
    [{ field: 'PRIORITY', order: 'DESC' }, { field: 'TITLE' }],
    [{ field: 'TITLE', order: 'DESC' }, { field: 'PRIORITY' }],
    [{ field: 'STATUS' }, { field: 'TITLE', order: 'DESC' }],
    [{ field: 'STATUS', order: 'DESC' }, { field: 'PRIORITY' }, { field: 'TITLE' }],
    [{ field: 'CREATED_AT', order: 'DESC' }],
    [{ field: 'ID', order: 'DESC' }],
  ];
  const cases = sorts.flatMap((sort) => [1, 2, 4].map((size) => [sort.map((s) => `${s.field} ${s.order ?? 'ASC'}`).join(', ') || '(none)', size, sort] as const));

  it.each(cases)('pages through %s by %i, forwards and backwards, to the full sorted list', async (_name, size, sort) => {
    const full = await items({ sort, first: 100 });
    expect(ids(full)).toEqual(expectedOrder(full.edges.map((e) => e.node), sort));
    expect(await forwards(ITEMS_QUERY, 'items', { sort }, size)).toEqual(ids(full));
    expect(await backwards(ITEMS_QUERY, 'items', { sort }, size)).toEqual(ids(full));
  });

  it('pages a boolean key (false before true) with a string tie-break', async () => {
    const names = async (sort: Sort) => {
      const full = await page(WORKSPACES_QUERY, 'workspaces', { sort });
      const ordered = full.edges.map((e) => e.node.name);
      expect(await forwards(WORKSPACES_QUERY, 'workspaces', { sort }, 1)).toEqual(ids(full));
      expect(await backwards(WORKSPACES_QUERY, 'workspaces', { sort }, 1)).toEqual(ids(full));
      return ordered;
    };
    expect(await names([{ field: 'PRIVATE' }, { field: 'NAME' }])).toEqual(['main', 'rose', 'pear', 'quince']);
    expect(await names([{ field: 'PRIVATE', order: 'DESC' }, { field: 'NAME', order: 'DESC' }])).toEqual(['quince', 'pear', 'rose', 'main']);
  });

  it('goes back from a later page to the same earlier page', async () => {
    const sort = [{ field: 'PRIORITY', order: 'DESC' }, { field: 'TITLE' }];
    const first = await items({ sort, first: 3 });
    const second = await items({ sort, first: 3, after: first.pageInfo.endCursor });
    const back = await items({ sort, last: 3, before: second.pageInfo.startCursor });
    expect(ids(back)).toEqual(ids(first));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    const between = await items({ sort, first: 100, after: first.edges[0]!.cursor, before: second.edges[2]!.cursor });
    expect(positions(between)).toEqual([3, 4, 0, 2]);
  });

  it('counts the filter, ignoring pagination and sort', async () => {
    const open = { status: { eq: 'OPEN' } };
    const sort = [{ field: 'PRIORITY', order: 'DESC' }];
    const firstPage = await items({ filter: open, sort, first: 2 });
    expect(firstPage.totalCount).toBe(5);
    expect(positions(firstPage)).toEqual([3, 0]);
    const rest = await items({ filter: open, sort, first: 10, after: firstPage.pageInfo.endCursor });
    expect(rest.totalCount).toBe(5);
    expect(positions(rest)).toEqual([4, 8, 5]);
  });
});

describe('cursor rejection', () => {
  const sort = [{ field: 'PRIORITY', order: 'DESC' }, { field: 'TITLE' }];
  let cursor: string;
  beforeAll(async () => {
    cursor = (await items({ sort, first: 2 })).pageInfo.endCursor!;
  });

  /** The request fails with INVALID_INPUT at the argument, not as an unexpected (500, masked, logged) error. */
  async function expectRejected(variables: Record<string, unknown>, argument: 'after' | 'before', message: string) {
    const logged = app.logged.length;
    const { status, body } = await app.gql(ITEMS_QUERY, { first: 2, ...variables });
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ message, path: ['items'], extensions: { code: 'INVALID_INPUT', inputPath: [argument] } });
    expect(app.logged).toHaveLength(logged);
  }

  /** `text` with the character at `index` replaced by another base64url character. */
  const flip = (text: string, index: number) => {
    const at = index < 0 ? text.length + index : index;
    return text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
  };

  it('accepts the genuine cursor (control)', async () => {
    expect(positions(await items({ sort, first: 2, after: cursor }))).toEqual([4, 0]);
  });

  it('rejects garbage and the old unsigned format', async () => {
    for (const after of ['garbage', '', '!!!!', 'bm90LWEtY3Vyc29y', Buffer.from(`c1:${itemIds[0]}`).toString('base64url')]) {
      await expectRejected({ sort, after }, 'after', NOT_ISSUED('after'));
    }
  });

  it('rejects a cursor with one character of its payload flipped', async () => {
    await expectRejected({ sort, after: flip(cursor, 8) }, 'after', NOT_ISSUED('after'));
    await expectRejected({ sort, before: flip(cursor, 20) }, 'before', NOT_ISSUED('before'));
  });

  it('rejects a cursor whose values were edited but whose signature was kept', async () => {
    const bytes = Buffer.from(cursor, 'base64url');
    const payload = bytes.subarray(1, bytes.length - 32).toString('utf8');
    const [fingerprint, values] = JSON.parse(payload) as [string, unknown[]];
    const edited = Buffer.from(JSON.stringify([fingerprint, [1, ...values.slice(1)]]));
    const forged = Buffer.concat([bytes.subarray(0, 1), edited, bytes.subarray(bytes.length - 32)]).toString('base64url');
    await expectRejected({ sort, after: forged }, 'after', NOT_ISSUED('after'));
  });

  it('rejects a cursor with a changed or truncated signature', async () => {
    await expectRejected({ sort, after: flip(cursor, -10) }, 'after', NOT_ISSUED('after'));
    await expectRejected({ sort, after: flip(cursor, -1) }, 'after', NOT_ISSUED('after'));
    await expectRejected({ sort, after: cursor.slice(0, -1) }, 'after', NOT_ISSUED('after'));
    await expectRejected({ sort, after: cursor.slice(0, 20) }, 'after', NOT_ISSUED('after'));
  });

  it('rejects a cursor signed with another secret', async () => {
    const other = createApp(app.db, { cursorSecret: 'another-cursor-secret-for-tests', logger: { error: () => {}, info: () => {} } });
    const otherGql = graphqlClient(other.server);
    const foreign = (await otherGql(ITEMS_QUERY, { sort, first: 2 })).body.data.items.pageInfo.endCursor as string;
    const own = await otherGql(ITEMS_QUERY, { sort, first: 2, after: foreign });
    expect(own.body.data.items.edges.map((e: { node: Node }) => itemIds.indexOf(e.node.id))).toEqual([4, 0]); // control
    await expectRejected({ sort, after: foreign }, 'after', NOT_ISSUED('after'));
  });

  it('rejects a cursor from a different sort', async () => {
    await expectRejected({ sort: [{ field: 'PRIORITY' }, { field: 'TITLE' }], after: cursor }, 'after', OTHER_SORT('after'));
    await expectRejected({ sort: [{ field: 'PRIORITY', order: 'DESC' }], after: cursor }, 'after', OTHER_SORT('after'));
    await expectRejected({ after: cursor }, 'after', OTHER_SORT('after'));
    await expectRejected({ sort, after: (await items({ first: 1 })).pageInfo.endCursor, last: null }, 'after', OTHER_SORT('after'));
    await expectRejected({ sort: [], before: cursor, first: null, last: 2 }, 'before', OTHER_SORT('before'));
  });

  it("rejects another resource's cursor", async () => {
    const workspaces = await page(WORKSPACES_QUERY, 'workspaces', { first: 1 });
    await expectRejected({ after: workspaces.pageInfo.endCursor }, 'after', OTHER_SORT('after'));
    const byName = await page(WORKSPACES_QUERY, 'workspaces', { sort: [{ field: 'NAME' }], first: 1 });
    await expectRejected({ sort: [{ field: 'TITLE' }], before: byName.pageInfo.endCursor, first: null, last: 1 }, 'before', OTHER_SORT('before'));
  });
});

describe('a nullable key (Milestone.dueAt)', () => {
  const MILESTONES_QUERY = `query($sort: [MilestoneSort!], $first: Int, $after: String, $last: Int, $before: String) {
    milestones(sort: $sort, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id name dueAt } }
    }
  }`;
  /** Named after creation order; ties and nulls among the due dates. */
  const DUE = ['2026-01-03', null, '2026-01-01', '2026-01-03', null, '2026-01-02', '2026-01-01', null];

  beforeAll(async () => {
    for (const [index, day] of DUE.entries()) {
      await createRecord(app, 'Milestone', { name: `m${index}`, dueAt: day && `${day}T00:00:00.000Z` });
    }
  });

  it.each([
    ['ascending: nulls last', [{ field: 'DUE_AT' }], ['m2', 'm6', 'm5', 'm0', 'm3', 'm1', 'm4', 'm7']],
    ['descending: nulls first', [{ field: 'DUE_AT', order: 'DESC' }], ['m1', 'm4', 'm7', 'm0', 'm3', 'm5', 'm2', 'm6']],
    ['descending, ties by id descending', [{ field: 'DUE_AT', order: 'DESC' }, { field: 'ID', order: 'DESC' }], ['m7', 'm4', 'm1', 'm3', 'm0', 'm5', 'm6', 'm2']],
  ] as const)('sorts %s, as PostgreSQL does, and pages through it both ways', async (_name, sort, expected) => {
    const full = await page(MILESTONES_QUERY, 'milestones', { sort });
    expect(full.edges.map((e) => e.node.name)).toEqual(expected);
    for (const size of [1, 2, 3]) {
      expect(await forwards(MILESTONES_QUERY, 'milestones', { sort }, size)).toEqual(ids(full));
      expect(await backwards(MILESTONES_QUERY, 'milestones', { sort }, size)).toEqual(ids(full));
    }
  });
});
