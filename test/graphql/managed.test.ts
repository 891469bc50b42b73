import { startTestApp, type TestApp } from '../support/app';
import { createItem, createRecord, createWorkspace } from '../support/fixtures';

/**
 * Managed relationships through GraphQL: the reference app's nested
 * mutations, with the rows and events they leave, and their errors.
 */
const CREATE = `mutation($input: CreateItemInput!) {
  createItem(input: $input) {
    result { id title workspace { name } comments { body } memberships { role member { name } } }
    errors { code message fields path }
  }
}`;
const UPDATE = `mutation($id: ID!, $input: UpdateItemInput!) {
  updateItem(id: $id, input: $input) {
    result { id version comments { id body } memberships { role member { name } } dependencies { title } }
    errors { code message fields path }
  }
}`;

let app: TestApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  ids.alpha = await createWorkspace(app, 'Alpha');
  ids.ada = await createRecord(app, 'Member', { name: 'Ada', email: 'ada@example.com' });
  ids.bob = await createRecord(app, 'Member', { name: 'Bob', email: 'bob@example.com' });
  ids.cy = await createRecord(app, 'Member', { name: 'Cy', email: 'cy@example.com' });
});
afterAll(() => app.dispose());

/** Rows of every table the reference app writes, and the events. */
async function snapshot() {
  const p = app.prisma;
  const [events, workspaces, items, comments, links, deps, members, profiles] = await Promise.all([
    p.event.count(), p.workspace.count(), p.item.count(), p.comment.count(), p.itemMember.count(), p.itemDependency.count(), p.member.count(), p.profile.count(),
  ]);
  return { events, workspaces, items, comments, links, deps, members, profiles };
}

async function mutate(query: string, variables: Record<string, unknown>) {
  const { body } = await app.gql(query, variables, { 'x-request-id': `req-${Math.random().toString(36).slice(2)}` });
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('createItem with nested arguments', () => {
  it('creates the workspace inline, the comments, and relates members by id and by email with their role, all evented', async () => {
    const before = await snapshot();
    const data = await mutate(CREATE, {
      input: {
        title: 'Launch',
        workspace: { name: 'Inline' },
        comments: [{ body: 'first' }, { body: 'second' }],
        members: [{ id: ids.ada, role: 'ADMIN' }, { email: 'bob@example.com' }],
      },
    });
    const { result, errors } = data.createItem;
    expect(errors).toEqual([]);
    expect(result).toMatchObject({
      title: 'Launch',
      workspace: { name: 'Inline' },
      comments: [{ body: 'first' }, { body: 'second' }],
      memberships: [{ role: 'ADMIN', member: { name: 'Ada' } }, { role: 'VIEWER', member: { name: 'Bob' } }],
    });
    expect(await snapshot()).toEqual({ ...before, events: before.events + 6, workspaces: before.workspaces + 1, items: before.items + 1, comments: before.comments + 2, links: before.links + 2 });

    // One correlation id; the item's event is the root, every other event is caused by it.
    const root = await app.prisma.event.findFirstOrThrow({ where: { resource: 'Item', recordId: result.id } });
    const events = await app.prisma.event.findMany({ where: { correlationId: root.correlationId } });
    expect(events).toHaveLength(6);
    expect(root.causationId).toBeNull();
    expect(events.filter((e) => e.id !== root.id).map((e) => e.causationId)).toEqual(Array(5).fill(root.id));
    expect(events.map((e) => e.resource).sort()).toEqual(['Comment', 'Comment', 'Item', 'ItemMember', 'ItemMember', 'Workspace']);
  });

  it('relates an existing workspace by id', async () => {
    const { createItem } = await mutate(CREATE, { input: { title: 'By id', workspace: { id: ids.alpha } } });
    expect(createItem.result.workspace).toEqual({ name: 'Alpha' });
  });

  it('refuses the key and the managed argument together', async () => {
    const { createItem } = await mutate(CREATE, { input: { title: 'Both', workspaceId: ids.alpha, workspace: { id: ids.alpha } } });
    expect(createItem.errors).toEqual([{ code: 'INVALID_INPUT', message: 'Give "workspaceId" or "workspace", not both.', fields: ['workspace'], path: ['workspace'] }]);
  });

  it('is all or nothing: a lookup failing in the last nested step leaves every table and the log unchanged', async () => {
    const before = await snapshot();
    const { createItem } = await mutate(CREATE, {
      input: { title: 'Doomed', workspace: { name: 'Never' }, comments: [{ body: 'lost' }], members: [{ id: ids.ada }, { email: 'nobody@example.com' }] },
    });
    expect(createItem.result).toBeNull();
    expect(createItem.errors).toEqual([
      { code: 'NOT_FOUND', message: 'No Member with email "nobody@example.com".', fields: ['email'], path: ['members', '1', 'email'] },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('reports an invalid nested field at its path, and writes nothing', async () => {
    const before = await snapshot();
    const { createItem } = await mutate(CREATE, { input: { title: 'Bad comment', workspaceId: ids.alpha, comments: [{ body: 'ok' }, { body: 'x'.repeat(10_001) }] } });
    expect(createItem.errors).toMatchObject([{ code: 'INVALID_INPUT', path: ['comments', '1', 'body'], fields: ['body'] }]);
    expect(await snapshot()).toEqual(before);
  });

  it('rejects the same member twice in one list', async () => {
    const { createItem } = await mutate(CREATE, { input: { title: 'Twice', workspaceId: ids.alpha, members: [{ id: ids.ada }, { id: ids.ada }] } });
    expect(createItem.errors).toMatchObject([{ code: 'INVALID_INPUT', path: ['members', '1', 'id'] }]);
  });
});

describe('statements per nested mutation', () => {
  it('M1 (an item with 2 comments relating 2 members) runs a fixed number of statements', async () => {
    app.resetQueries();
    const { createItem } = await mutate(`mutation($input: CreateItemInput!) { createItem(input: $input) { result { id } errors { code } } }`, {
      input: { title: 'Counted', workspaceId: ids.alpha, comments: [{ body: 'a' }, { body: 'b' }], members: [{ id: ids.ada, role: 'ADMIN' }, { id: ids.bob, role: 'EDITOR' }] },
    });
    expect(createItem.errors).toEqual([]);
    const data = app.queries.filter((sql) => !/^\s*(BEGIN|COMMIT|ROLLBACK|--)/i.test(sql));
    // One round of facts, one statement: the check of the key the client gave (workspaceId) and the lookup of the
    // members; then one statement appending all 5 events (moving their stream heads) and inserting the rows, one
    // CTE per model (item, comments, links). Item's invariant (members given: an ADMIN among them) is decided
    // in memory: a new item's memberships are exactly those of this mutation. The keys the framework set
    // (itemId to the new item, memberId found by the lookup) are not looked up again: their foreign keys
    // catch a race.
    expect(data).toHaveLength(2);
    const write = data.filter((sql) => /^WITH moves[\s\S]*INSERT INTO "StreamHead"[\s\S]*INSERT INTO "Event"/.test(sql));
    expect(write).toHaveLength(1);
    expect(write[0]!.match(/rows\d AS \(INSERT INTO "(Item|Comment|ItemMember)"/g)).toHaveLength(3);
  });
});

describe('updateItem with nested arguments', () => {
  let item: string;
  let comments: string[];

  beforeAll(async () => {
    item = await createItem(app, ids.alpha!, { title: 'Tracked' });
    comments = [await createRecord(app, 'Comment', { itemId: item, body: 'keep' }), await createRecord(app, 'Comment', { itemId: item, body: 'drop' })];
  });

  it('comments (direct_control): updates matched, creates new, destroys those left out', async () => {
    const before = await snapshot();
    const { updateItem } = await mutate(UPDATE, { id: item, input: { comments: [{ id: comments[0], body: 'kept and edited' }, { body: 'new' }] } });
    expect(updateItem.errors).toEqual([]);
    expect(updateItem.result.comments.map((c: any) => c.body)).toEqual(['kept and edited', 'new']);
    expect(updateItem.result.comments[0].id).toBe(comments[0]);
    expect(await app.prisma.comment.findUnique({ where: { id: comments[1]! } })).toBeNull();
    // item update + comment update + comment destroy + comment create
    expect(await snapshot()).toEqual({ ...before, events: before.events + 4 });
  });

  it('members (append_and_remove) sets the members; addMembers appends; removeMembers removes', async () => {
    let result = (await mutate(UPDATE, { id: item, input: { members: [{ id: ids.ada, role: 'ADMIN' }, { email: 'bob@example.com' }] } })).updateItem.result;
    expect(result.memberships.map((m: any) => [m.member.name, m.role])).toEqual([['Ada', 'ADMIN'], ['Bob', 'VIEWER']]);
    result = (await mutate(UPDATE, { id: item, input: { members: [{ id: ids.bob, role: 'ADMIN' }] } })).updateItem.result;
    expect(result.memberships.map((m: any) => m.member.name)).toEqual(['Bob']);
    result = (await mutate(UPDATE, { id: item, input: { addMembers: [{ id: ids.bob }, { id: ids.cy, role: 'ADMIN' }] } })).updateItem.result;
    expect(result.memberships.map((m: any) => [m.member.name, m.role])).toEqual([['Bob', 'ADMIN'], ['Cy', 'ADMIN']]);
    result = (await mutate(UPDATE, { id: item, input: { removeMembers: [{ email: 'cy@example.com' }] } })).updateItem.result;
    expect(result.memberships.map((m: any) => m.member.name)).toEqual(['Bob']);
    result = (await mutate(UPDATE, { id: item, input: { members: [] } })).updateItem.result;
    expect(result.memberships).toEqual([]);
  });

  it('members (onMatch update_join) changes the role on the existing link; an unchanged role writes nothing', async () => {
    const target = await createItem(app, ids.alpha!, { title: 'Roles', members: [{ id: ids.ada }, { id: ids.bob, role: 'ADMIN' }] });
    const link = () => app.prisma.itemMember.findFirstOrThrow({ where: { itemId: target, memberId: ids.ada } });
    const start = await link();
    const before = await snapshot();
    const { updateItem } = await mutate(UPDATE, { id: target, input: { members: [{ id: ids.ada, role: 'ADMIN' }, { id: ids.bob, role: 'ADMIN' }] } });
    expect(updateItem.errors).toEqual([]);
    expect(updateItem.result.memberships.map((m: any) => [m.member.name, m.role])).toEqual([['Ada', 'ADMIN'], ['Bob', 'ADMIN']]);
    // The same link record, one version later; Bob's unchanged link gets no event: item update + one link update.
    expect(await link()).toMatchObject({ id: start.id, role: 'ADMIN', version: start.version + 1, addedAt: start.addedAt });
    expect(await snapshot()).toEqual({ ...before, events: before.events + 2 });
    const events = await app.prisma.event.findMany({ orderBy: { position: 'desc' }, take: 2 });
    expect(events.map((e) => `${e.resource}.${e.action}`).sort()).toEqual(['Item.update', 'ItemMember.update']);
  });

  it('an item with members keeps an ADMIN, also without policies (an invariant, for every caller): INVALID_INPUT, nothing written', async () => {
    const target = await createItem(app, ids.alpha!, { title: 'Kept', members: [{ id: ids.ada, role: 'ADMIN' }, { id: ids.bob }] });
    const before = await snapshot();
    for (const input of [{ members: [{ id: ids.ada, role: 'EDITOR' }, { id: ids.bob }] }, { removeMembers: [{ id: ids.ada }] }]) {
      const { updateItem } = await mutate(UPDATE, { id: target, input });
      expect(updateItem.errors).toMatchObject([{ code: 'INVALID_INPUT', path: [Object.keys(input)[0]] }]);
    }
    app.resetQueries();
    const { createItem: created } = await mutate(CREATE, { input: { title: 'No admin', workspaceId: ids.alpha, members: [{ id: ids.ada, role: 'EDITOR' }] } });
    expect(created.errors).toMatchObject([{ code: 'INVALID_INPUT', path: ['members'] }]);
    // A new item's invariant is decided in memory, before anything is written: no statement writes.
    expect(app.queries.filter((sql) => /INSERT|UPDATE|DELETE/.test(sql))).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('removeMembers of a member not on the item is NOT_RELATED, and nothing changes', async () => {
    const before = await snapshot();
    const { updateItem } = await mutate(UPDATE, { id: item, input: { removeMembers: [{ id: ids.ada }] } });
    expect(updateItem.errors).toMatchObject([{ code: 'NOT_RELATED', path: ['removeMembers', '0', 'id'] }]);
    expect(await snapshot()).toEqual(before);
  });

  it('dependencies (valueIsKey) take bare ids', async () => {
    const other = await createItem(app, ids.alpha!, { title: 'Other' });
    const third = await createItem(app, ids.alpha!, { title: 'Third' });
    let result = (await mutate(UPDATE, { id: item, input: { dependencies: [other, third] } })).updateItem.result;
    expect(result.dependencies.map((d: any) => d.title)).toEqual(['Other', 'Third']);
    result = (await mutate(UPDATE, { id: item, input: { dependencies: [third] } })).updateItem.result;
    expect(result.dependencies.map((d: any) => d.title)).toEqual(['Third']);
    const { updateItem } = await mutate(UPDATE, { id: item, input: { dependencies: ['01900000-0000-7000-8000-0000000000ff'] } });
    expect(updateItem.errors).toMatchObject([{ code: 'NOT_FOUND', path: ['dependencies', '0'] }]);
  });

  it('leaves relationships alone when the argument is absent', async () => {
    const before = await snapshot();
    await mutate(UPDATE, { id: item, input: { title: 'Renamed' } });
    expect(await snapshot()).toEqual({ ...before, events: before.events + 1 });
  });
});

describe('createMember with a nested profile', () => {
  it('creates both, the profile caused by the member', async () => {
    const { body } = await app.gql(`mutation { createMember(input: { name: "Dee", email: "dee@example.com", profile: { bio: "Hi" } }) {
      result { id name profile { bio } } errors { code path } } }`);
    expect(body.data.createMember).toMatchObject({ result: { name: 'Dee', profile: { bio: 'Hi' } }, errors: [] });
    const memberEvent = await app.prisma.event.findFirstOrThrow({ where: { resource: 'Member', recordId: body.data.createMember.result.id } });
    const profileEvent = await app.prisma.event.findFirstOrThrow({ where: { resource: 'Profile', causationId: memberEvent.id } });
    expect(profileEvent.correlationId).toBe(memberEvent.correlationId);
  });
});

describe('bad nested input: a clear error with a code and a path, nothing written', () => {
  const UPDATE_ERRORS = `mutation($id: ID!, $input: UpdateItemInput!) { updateItem(id: $id, input: $input) { errors { code message path } } }`;
  let item: string;
  beforeAll(async () => {
    item = await createItem(app, ids.alpha!, { title: 'Guarded' });
  });

  it.each([
    [{ members: [{ id: 'x' }] }, 'INVALID_INPUT', ['members', '0', 'id'], 'Expected a UUID but got: "x".'],
    [{ dependencies: ['01900000-0000-7000-8000-000000000001', 'nope'] }, 'INVALID_INPUT', ['dependencies', '1'], 'Expected a UUID but got: "nope".'],
    [{ comments: [{ id: 'nope', body: 'b' }] }, 'INVALID_INPUT', ['comments', '0', 'id'], 'Expected a UUID but got: "nope".'],
    [{ removeMembers: [{}] }, 'INVALID_INPUT', ['removeMembers', '0'], 'removeMembers needs id or email to find the Member.'],
    [{ members: [{ id: 'x', email: 'ada@example.com' }] }, 'INVALID_INPUT', ['members', '0', 'email'], 'Give one of id, email to find the record, not several.'],
  ])('%j -> %s at %j', async (input, code, path, message) => {
    const before = await snapshot();
    const { body } = await app.gql(UPDATE_ERRORS, { id: item, input });
    expect(body.errors).toBeUndefined();
    expect(body.data.updateItem.errors).toContainEqual({ code, path, message });
    expect(await snapshot()).toEqual(before);
  });

  it('an unknown nested field is refused by GraphQL with the input path, before anything runs', async () => {
    const before = await snapshot();
    const { status, body } = await app.gql(CREATE, { input: { title: 't', workspaceId: ids.alpha, comments: [{ body: 'a', colour: 'red' }] } });
    expect(status).toBe(400);
    expect(body.errors![0]).toMatchObject({ extensions: { code: 'INVALID_INPUT', inputPath: ['input', 'comments', '0'] } });
    expect(body.errors![0]!.message).toMatch(/Field "colour" is not defined by type "ItemCreateCommentsInput"/);
    expect(await snapshot()).toEqual(before);
  });
});

describe('statements do not grow with the nested entries', () => {
  it('a create with 1 or 100 comments sends the same statements', async () => {
    const count = async (n: number) => {
      app.resetQueries();
      const { createItem } = await mutate(`mutation($input: CreateItemInput!) { createItem(input: $input) { result { id } errors { code } } }`, {
        input: { title: `With ${n}`, workspaceId: ids.alpha, comments: Array.from({ length: n }, (_, i) => ({ body: `c${i}` })) },
      });
      expect(createItem.errors).toEqual([]);
      return app.queries.filter((sql) => !/^\s*(BEGIN|COMMIT|ROLLBACK|--)/i.test(sql)).length;
    };
    // The workspaceId check, then one statement: the append of every event, the item's row, the comments' rows.
    expect([await count(1), await count(100)]).toEqual([2, 2]);
  });
});

describe('ids in nested entries', () => {
  it('are matched in either case, as top-level ids are', async () => {
    const CREATE = `mutation($input: CreateItemInput!) { createItem(input: $input) { result { id comments { id } } errors { code path } } }`;
    const UPDATE = `mutation($id: ID!, $input: UpdateItemInput!) { updateItem(id: $id, input: $input) {
      result { comments { body } members { name } dependencies { title } } errors { code path } } }`;
    const other = (await mutate(CREATE, { input: { title: 'Other', workspaceId: ids.alpha } })).createItem.result.id as string;
    const { createItem } = await mutate(CREATE, { input: { title: 'Cased', workspaceId: ids.alpha, comments: [{ body: 'old' }], members: [{ id: ids.ada!.toUpperCase(), role: 'ADMIN' }] } });
    expect(createItem.errors).toEqual([]);
    const { updateItem } = await mutate(UPDATE, {
      id: createItem.result.id,
      input: {
        comments: [{ id: createItem.result.comments[0].id.toUpperCase(), body: 'new' }],
        addMembers: [{ id: ids.bob!.toUpperCase() }],
        dependencies: [other.toUpperCase()],
      },
    });
    expect(updateItem).toEqual({
      result: { comments: [{ body: 'new' }], members: [{ name: 'Ada' }, { name: 'Bob' }], dependencies: [{ title: 'Other' }] },
      errors: [],
    });
  });
});
