import { startTestApp, type TestApp } from '../support/app';
import { createItem, createRecord, createWorkspace } from '../support/fixtures';

/**
 * Every relationship kind of the reference app, read through GraphQL:
 * present, empty, null and missing targets.
 */
let app: TestApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  ids.alpha = await createWorkspace(app, 'Alpha');
  ids.beta = await createWorkspace(app, 'Beta');
  ids.a1 = await createItem(app, ids.alpha, { title: 'a1', priority: 1 });
  ids.a2 = await createItem(app, ids.alpha, { title: 'a2', priority: 5 });
  ids.a3 = await createItem(app, ids.alpha, { title: 'a3', priority: 3 });
  ids.a4 = await createItem(app, ids.alpha, { title: 'a4', priority: 5 });
  ids.b1 = await createItem(app, ids.beta, { title: 'b1', priority: 9 });
  ids.ada = await createRecord(app, 'Member', { name: 'Ada', email: 'ada@example.com', priorityThreshold: 2 });
  ids.bob = await createRecord(app, 'Member', { name: 'Bob', email: 'bob@example.com', priorityThreshold: 4 });
  ids.cy = await createRecord(app, 'Member', { name: 'Cy', email: 'cy@example.com' });
  await createRecord(app, 'Profile', { memberId: ids.ada, bio: 'Writes programs.' });
  for (const [item, member, role] of [['a1', 'bob', 'EDITOR'], ['a1', 'ada', 'ADMIN'], ['a2', 'ada', undefined], ['a3', 'ada', 'VIEWER'], ['b1', 'bob', 'ADMIN']] as const) {
    await createRecord(app, 'ItemMember', { itemId: ids[item], memberId: ids[member], ...(role ? { role } : {}) });
  }
  await createRecord(app, 'ItemDependency', { itemId: ids.a3, dependsOnId: ids.a1 });
  await createRecord(app, 'ItemDependency', { itemId: ids.a3, dependsOnId: ids.a2 });
  await createRecord(app, 'ItemDependency', { itemId: ids.a2, dependsOnId: ids.a1 });
  ids.beta1 = await createRecord(app, 'Milestone', { name: 'Beta release', dueAt: '2027-01-01T00:00:00.000Z' });
});
afterAll(() => app.dispose());

const names = (list: { name?: string; title?: string }[]) => list.map((x) => x.name ?? x.title);

async function item(id: string | undefined, selection: string) {
  const { body } = await app.gql(`query($id: ID!) { item(id: $id) { ${selection} } }`, { id });
  expect(body.errors).toBeUndefined();
  return body.data.item;
}

async function member(id: string | undefined, selection: string) {
  const { body } = await app.gql(`query($id: ID!) { member(id: $id) { ${selection} } }`, { id });
  expect(body.errors).toBeUndefined();
  return body.data.member;
}

describe('hasOne', () => {
  it('resolves the record holding the unique key, and null when there is none', async () => {
    expect(await member(ids.ada, 'profile { bio member { name } }')).toEqual({ profile: { bio: 'Writes programs.', member: { name: 'Ada' } } });
    expect(await member(ids.bob, 'profile { bio }')).toEqual({ profile: null });
  });

  it('filters through it', async () => {
    const { body } = await app.gql('{ members(filter: { profile: { bio: { contains: "programs" } } }) { edges { node { name } } } }');
    expect(body.data.members.edges.map((e: any) => e.node.name)).toEqual(['Ada']);
  });
});

describe('manyToMany through a join resource', () => {
  it('lists the destinations, [] when none, and the reverse direction', async () => {
    // Default order: the destinations' creation order (Ada was created before Bob, linked after him).
    expect(names((await item(ids.a1, 'members { name }')).members)).toEqual(['Ada', 'Bob']);
    expect((await item(ids.a4, 'members { name }')).members).toEqual([]);
    expect(names((await member(ids.ada, 'items { title }')).items)).toEqual(['a1', 'a2', 'a3']);
    expect((await member(ids.cy, 'items { title }')).items).toEqual([]);
  });

  it('exposes join attributes through the join relationship (memberships)', async () => {
    const { memberships } = await item(ids.a1, 'memberships(sort: [{ field: ROLE }]) { role addedAt member { name } }');
    expect(memberships.map((m: any) => [m.role, m.member.name])).toEqual([['EDITOR', 'Bob'], ['ADMIN', 'Ada']]);
    expect(new Date(memberships[0].addedAt).getTime()).not.toBeNaN();
    expect((await item(ids.a2, 'memberships { role }')).memberships).toEqual([{ role: 'VIEWER' }]);
  });

  it('applies filter, sort, limit and offset to the destinations, per parent', async () => {
    const { body } = await app.gql(`{ items(filter: { workspace: { name: { eq: "Alpha" } } }) { edges { node { title
      members(sort: [{ field: NAME, order: DESC }], limit: 1) { name }
      skipped: members(sort: [{ field: NAME }], offset: 1) { name }
      named: members(filter: { name: { eq: "Ada" } }) { name }
    } } } }`);
    expect(body.data.items.edges.map((e: any) => [e.node.title, names(e.node.members), names(e.node.skipped), names(e.node.named)])).toEqual([
      ['a1', ['Bob'], ['Bob'], ['Ada']],
      ['a2', ['Ada'], [], ['Ada']],
      ['a3', ['Ada'], [], ['Ada']],
      ['a4', [], [], []],
    ]);
  });

  it('filters parents with some / every / none over the destinations', async () => {
    const titles = async (filter: string) => {
      const { body } = await app.gql(`{ items(filter: ${filter}) { edges { node { title } } } }`);
      return body.data.items.edges.map((e: any) => e.node.title);
    };
    expect(await titles('{ members: { some: { name: { eq: "Bob" } } } }')).toEqual(['a1', 'b1']);
    expect(await titles('{ members: { every: { name: { eq: "Ada" } } } }')).toEqual(['a2', 'a3', 'a4']);
    expect(await titles('{ members: { none: { name: { eq: "Ada" } } } }')).toEqual(['a4', 'b1']);
    expect(await titles('{ memberships: { some: { role: { eq: ADMIN } } } }')).toEqual(['a1', 'b1']);
  });
});

describe('self-referential manyToMany', () => {
  it('resolves dependencies and dependents, [] when none', async () => {
    expect(names((await item(ids.a3, 'dependencies { title }')).dependencies)).toEqual(['a1', 'a2']);
    expect(names((await item(ids.a1, 'dependents { title }')).dependents)).toEqual(['a2', 'a3']);
    expect((await item(ids.a1, 'dependencies { title }')).dependencies).toEqual([]);
    expect((await item(ids.a4, 'dependents { title }')).dependents).toEqual([]);
    expect((await item(ids.a3, 'dependencyLinks { dependsOn { title } item { title } }')).dependencyLinks).toEqual([
      { dependsOn: { title: 'a1' }, item: { title: 'a3' } },
      { dependsOn: { title: 'a2' }, item: { title: 'a3' } },
    ]);
  });

  it('nests: dependencies of dependencies', async () => {
    const { dependencies } = await item(ids.a3, 'dependencies(sort: [{ field: TITLE, order: DESC }]) { title dependencies { title } }');
    expect(dependencies).toEqual([{ title: 'a2', dependencies: [{ title: 'a1' }] }, { title: 'a1', dependencies: [] }]);
  });
});

describe('noAttributes with a filter on the parent (higherPriorityItems)', () => {
  it('relates items of the same workspace with a higher priority, per parent', async () => {
    const { body } = await app.gql(`{ items { edges { node { title higherPriorityItems { title } top: higherPriorityItems(sort: [{ field: PRIORITY, order: DESC }], limit: 1) { title } } } } }`);
    expect(body.data.items.edges.map((e: any) => [e.node.title, names(e.node.higherPriorityItems), names(e.node.top)])).toEqual([
      ['a1', ['a2', 'a3', 'a4'], ['a2']],
      ['a2', [], []],
      ['a3', ['a2', 'a4'], ['a2']],
      ['a4', [], []],
      ['b1', [], []],
    ]);
  });

  it('combines with the field filter', async () => {
    expect(names((await item(ids.a1, 'higherPriorityItems(filter: { priority: { lt: 5 } }) { title }')).higherPriorityItems)).toEqual(['a3']);
  });
});

describe('to-many loads read only the columns the query needs', () => {
  it('reads the selected attributes, the id and the grouping key, nothing else', async () => {
    app.resetQueries();
    const { body } = await app.gql(`query($id: ID!) { workspace(id: $id) { items { title } } }`, { id: ids.alpha });
    expect(names(body.data.workspace.items)).toEqual(['a1', 'a2', 'a3', 'a4']);
    const statement = app.queries.find((sql) => sql.includes('FROM "Item"'))!;
    expect(statement).toMatch(/"title"/);
    expect(statement).toMatch(/"workspaceId"/);
    expect(statement).not.toMatch(/"priority"|"createdAt"|"status"/);
  });

  it('reads what nested relationships need from the records: keys, parent-filter attributes, all of them for a manual load', async () => {
    const { body } = await app.gql(`query($id: ID!) { workspace(id: $id) { items { title higherPriorityItems { title } workspace { name } } } }`, { id: ids.alpha });
    expect(body.data.workspace.items.map((i: any) => [i.title, names(i.higherPriorityItems), i.workspace.name])).toEqual([
      ['a1', ['a2', 'a3', 'a4'], 'Alpha'],
      ['a2', [], 'Alpha'],
      ['a3', ['a2', 'a4'], 'Alpha'],
      ['a4', [], 'Alpha'],
    ]);
    // itemsAboveThreshold's load reads each member's priorityThreshold, which the query does not select.
    expect((await item(ids.a1, 'members { name itemsAboveThreshold { title } }')).members.map((m: any) => [m.name, names(m.itemsAboveThreshold)])).toEqual([
      ['Ada', ['a2', 'a3']],
      ['Bob', ['b1']],
    ]);
  });

  it('gives aliases with different selections each the columns they need', async () => {
    const result = await item(ids.a1, 'short: dependents { title } long: dependents { title priority status }');
    expect(result).toEqual({
      short: [{ title: 'a2' }, { title: 'a3' }],
      long: [{ title: 'a2', priority: 5, status: 'OPEN' }, { title: 'a3', priority: 3, status: 'OPEN' }],
    });
  });
});

describe('manual relationship (itemsAboveThreshold)', () => {
  it("returns each member's items above their own threshold, [] when none", async () => {
    const { body } = await app.gql('{ members { edges { node { name itemsAboveThreshold { title priority } } } } }');
    expect(body.data.members.edges.map((e: any) => [e.node.name, names(e.node.itemsAboveThreshold)])).toEqual([
      ['Ada', ['a2', 'a3']],
      ['Bob', ['b1']],
      ['Cy', []],
    ]);
  });

  it('passes filter and sort to the load, and applies limit / offset per parent', async () => {
    const { body } = await app.gql(`{ members { edges { node { name
      itemsAboveThreshold(sort: [{ field: PRIORITY, order: DESC }], limit: 1) { title }
      rest: itemsAboveThreshold(sort: [{ field: PRIORITY, order: DESC }], offset: 1) { title }
      filtered: itemsAboveThreshold(filter: { title: { eq: "a3" } }) { title }
    } } } }`);
    expect(body.data.members.edges.map((e: any) => [e.node.name, names(e.node.itemsAboveThreshold), names(e.node.rest), names(e.node.filtered)])).toEqual([
      ['Ada', ['a2'], ['a3'], ['a3']],
      ['Bob', ['b1'], [], []],
      ['Cy', [], [], []],
    ]);
  });

  it('runs one statement for all members of the page, whatever their number', async () => {
    app.resetQueries();
    await app.gql('{ members { edges { node { itemsAboveThreshold { title } } } } }');
    expect(app.queries).toHaveLength(2); // the page, then one load for every member
  });
});

describe('polymorphic relations (ItemRelationTarget = Item | Milestone)', () => {
  beforeAll(async () => {
    // Item.relations are written by the addRelation / removeRelation actions of the event-sourcing issue;
    // until they exist, the storage rows are set up directly.
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    await app.prisma.itemRelation.createMany({
      data: [
        { itemId: ids.a1!, targetType: 'Milestone', targetId: ids.beta1!, addedAt: at(1) },
        { itemId: ids.a1!, targetType: 'Item', targetId: ids.b1!, addedAt: at(2) },
        { itemId: ids.a1!, targetType: 'Milestone', targetId: '01900000-0000-7000-8000-00000000dead', addedAt: at(3) },
        { itemId: ids.a2!, targetType: 'Item', targetId: ids.a1!, addedAt: at(1) },
      ],
    });
  });

  it('resolves each pair to its type, in order, leaving out targets that no longer exist', async () => {
    const { relations } = await item(ids.a1, 'relations { __typename ... on Item { title } ... on Milestone { name dueAt } }');
    expect(relations).toEqual([
      { __typename: 'Milestone', name: 'Beta release', dueAt: '2027-01-01T00:00:00.000Z' },
      { __typename: 'Item', title: 'b1' },
    ]);
    expect((await item(ids.a4, 'relations { __typename }')).relations).toEqual([]);
  });

  it('loads the pairs in one statement and the targets in one statement per target type', async () => {
    app.resetQueries();
    const { body } = await app.gql('{ items { edges { node { relations { __typename } } } } }');
    expect(body.data.items.edges.map((e: any) => e.node.relations.length)).toEqual([2, 1, 0, 0, 0]);
    expect(app.queries).toHaveLength(1 + 1 + 2); // page, pairs, Item targets, Milestone targets
  });
});

describe('belongsTo', () => {
  it('resolves the parent; a missing id is null', async () => {
    const { body } = await app.gql(`query($p: ID!, $missing: ID!) {
      item(id: $p) { workspace { name } }
      gone: member(id: $missing) { name }
    }`, { p: ids.b1, missing: '01900000-0000-7000-8000-000000000000' });
    expect(body.data).toEqual({ item: { workspace: { name: 'Beta' } }, gone: null });
  });
});

describe('unique identities', () => {
  it('refuses a second member with the same email as CONFLICT on "email", writing nothing', async () => {
    const before = await app.prisma.event.count();
    const { body } = await app.gql('mutation { createMember(input: { name: "Ada 2", email: "ada@example.com" }) { result { id } errors { code message fields path } } }');
    expect(body.data.createMember).toEqual({
      result: null,
      errors: [{ code: 'CONFLICT', message: 'Another Member already has this email.', fields: ['email'], path: ['email'] }],
    });
    expect(await app.prisma.event.count()).toBe(before);
    expect(await app.prisma.member.count({ where: { email: 'ada@example.com' } })).toBe(1);
  });

  it('refuses linking the same member to an item twice', async () => {
    const { body } = await app.gql(`mutation($input: CreateItemMemberInput!) { createItemMember(input: $input) { errors { code fields } } }`, {
      input: { itemId: ids.a1, memberId: ids.ada },
    });
    expect(body.data.createItemMember.errors).toEqual([{ code: 'CONFLICT', fields: ['itemId', 'memberId'] }]);
  });
});

describe('statements per request', () => {
  const q1 = (filter: string) => `{ workspaces(first: 10, filter: ${filter}) { edges { node { name items(limit: 100) { title comments { body } members { name } } } } } }`;

  it('runs one statement per relationship level, however many parents (the read benchmark\'s Q1 shape)', async () => {
    app.resetQueries();
    const one = await app.gql(q1('{ name: { eq: "Alpha" } }'));
    const forOne = app.queries.length;
    app.resetQueries();
    const both = await app.gql(q1('{}'));
    expect(one.body.data.workspaces.edges).toHaveLength(1);
    expect(both.body.data.workspaces.edges).toHaveLength(2);
    expect([forOne, app.queries.length]).toEqual([4, 4]); // workspaces, items, comments, members
  });
});

describe('bad arguments on relationship fields', () => {
  it('rejects out-of-range limit / offset on every to-many kind, with the argument path, before loading it', async () => {
    for (const field of ['members(limit: 501)', 'dependencies(offset: -1)', 'higherPriorityItems(limit: -1)']) {
      app.resetQueries();
      const { status, body } = await app.gql(`query($id: ID!) { item(id: $id) { ${field} { id } } }`, { id: ids.a1 });
      const argument = field.includes('limit') ? 'limit' : 'offset';
      expect([field, status, body.errors?.[0]?.extensions]).toEqual([field, 200, { code: 'INVALID_INPUT', inputPath: [argument] }]);
      expect(app.queries).toHaveLength(1); // the item only
    }
    const { body } = await app.gql(`query($id: ID!) { member(id: $id) { itemsAboveThreshold(offset: -2) { id } } }`, { id: ids.ada });
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'INVALID_INPUT', inputPath: ['offset'] });
  });

  it('rejects a malformed id inside a filter through a manyToMany, at its path', async () => {
    const { body } = await app.gql('{ items(filter: { members: { some: { id: { eq: "nope" } } } }) { totalCount } }');
    expect(body.errors?.[0]).toMatchObject({
      message: 'Expected a UUID but got: "nope".',
      extensions: { code: 'INVALID_INPUT', inputPath: ['filter', 'members', 'some', 'id', 'eq'] },
    });
  });

  it('offers no filter through relationships without keys (manual, noAttributes, polymorphic)', async () => {
    const { body } = await app.gql('{ items(filter: { higherPriorityItems: { some: {} } }) { totalCount } }');
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/Field "higherPriorityItems" is not defined by type "ItemFilter"/);
  });
});
