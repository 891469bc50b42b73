import { startTestApp, type TestApp } from '../support/app';
import { eventually } from '../support/eventually';
import { signedInAs } from '../support/tokens';

/**
 * The reference app's policies (README, "Authorization") through GraphQL, as the actors
 * of one private item see them: Alice (ADMIN), Bob (EDITOR), Carol (VIEWER),
 * Dave (a member of nothing) and anonymous requests. Each read policy is
 * checked at the root, two relationship levels deep, through the manual
 * relationship and through a nested relate; each action policy for an allowed
 * and a denied actor, with denials writing nothing.
 */
let app: TestApp;
const ids: Record<string, string> = {};
const as = (actor: string | null): Promise<Record<string, string>> => signedInAs(actor === null ? null : ids[actor] ?? actor);

async function gql(actor: string | null, query: string, variables?: Record<string, unknown>) {
  const { status, body } = await app.gql(query, variables, await as(actor));
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return body.data;
}

/** A mutation's payload; fails the test when the mutation reports errors. */
async function mutate(actor: string | null, query: string, variables?: Record<string, unknown>) {
  const data = await gql(actor, query, variables);
  const payload = Object.values(data)[0] as { result: any; errors: unknown[] };
  expect(payload.errors).toEqual([]);
  return payload.result;
}

/** The errors a mutation reports, with nothing written (event count unchanged). */
async function refused(actor: string | null, query: string, variables?: Record<string, unknown>) {
  const before = await app.prisma.event.count();
  const data = await gql(actor, query, variables);
  const payload = Object.values(data)[0] as { result: unknown; errors: { code: string; path: string[] }[] };
  expect(payload.result).toBeNull();
  expect(await app.prisma.event.count()).toBe(before);
  return payload.errors.map(({ code, path }) => ({ code, path }));
}

const CREATE_MEMBER = 'mutation($input: CreateMemberInput!) { createMember(input: $input) { result { id } errors { code path } } }';
const CREATE_ITEM = 'mutation($input: CreateItemInput!) { createItem(input: $input) { result { id workspace { id } comments { id } } errors { code path } } }';
const UPDATE_ITEM = 'mutation($id: ID!, $input: UpdateItemInput!) { updateItem(id: $id, input: $input) { result { id title } errors { code path } } }';

beforeAll(async () => {
  app = await startTestApp();
  for (const [name, threshold] of [['alice', 0], ['bob', 0], ['carol', 0], ['dave', 0]] as const) {
    ids[name] = (await mutate(null, CREATE_MEMBER, { input: { name, email: `${name}@policies.test`, priorityThreshold: threshold } })).id;
  }
  // A private workspace starts with its first item, whose members include its creator (one nested mutation).
  const secret = await mutate('alice', CREATE_ITEM, {
    input: {
      title: 'Secret plan', priority: 5,
      workspace: { name: 'Skunkworks', private: true },
      members: [{ id: ids.alice, role: 'ADMIN' }, { id: ids.bob, role: 'EDITOR' }, { id: ids.carol, role: 'VIEWER' }],
      comments: [{ body: 'Top secret' }],
    },
  });
  ids.secretItem = secret.id;
  ids.secretWorkspace = secret.workspace.id;
  ids.secretComment = secret.comments[0].id;
  const open = await mutate('dave', CREATE_ITEM, { input: { title: 'Open roadmap', priority: 5, workspace: { name: 'Town square' }, comments: [{ body: 'Hello' }] } });
  ids.publicItem = open.id;
  ids.publicWorkspace = open.workspace.id;
  // The public item depends on the secret one (Alice may read both).
  await mutate('alice', UPDATE_ITEM, { id: ids.publicItem, input: { dependencies: [ids.secretItem] } });
}, 60_000);
afterAll(() => app.dispose());

describe('read policy: items of a private workspace are readable only by their members', () => {
  const ROOT = `query($id: ID!) {
    item(id: $id) { title }
    items { totalCount edges { node { title } } }
    comments { totalCount edges { node { body } } }
    workspaces { totalCount edges { node { name } } }
  }`;

  it.each([
    ['alice', true], ['carol', true], ['dave', false], [null, false],
  ] as const)('at the root (lists, totalCount, by id): %s reads it: %s', async (actor, reads) => {
    const data = await gql(actor, ROOT, { id: ids.secretItem });
    expect(data.item).toEqual(reads ? { title: 'Secret plan' } : null);
    const titles = data.items.edges.map((e: any) => e.node.title);
    expect(titles).toEqual(reads ? ['Secret plan', 'Open roadmap'] : ['Open roadmap']);
    expect(data.items.totalCount).toBe(titles.length);
    expect(data.comments.edges.map((e: any) => e.node.body)).toEqual(reads ? ['Top secret', 'Hello'] : ['Hello']);
    expect(data.comments.totalCount).toBe(reads ? 2 : 1);
    expect(data.workspaces.edges.map((e: any) => e.node.name)).toEqual(reads ? ['Skunkworks', 'Town square'] : ['Town square']);
    expect(data.workspaces.totalCount).toBe(reads ? 2 : 1);
  });

  it.each([['bob', true], ['dave', false], [null, false]] as const)(
    'two relationship levels deep (workspace → items → dependencies → comments): %s reads it: %s',
    async (actor, reads) => {
      const data = await gql(actor, `query($id: ID!) {
        workspace(id: $id) { items { title dependencies { title comments { body } memberships { role } } } }
      }`, { id: ids.publicWorkspace });
      const expected = reads ? [{ title: 'Secret plan', comments: [{ body: 'Top secret' }], memberships: [{ role: 'ADMIN' }, { role: 'EDITOR' }, { role: 'VIEWER' }] }] : [];
      expect(data.workspace.items).toEqual([{ title: 'Open roadmap', dependencies: expected }]);
    },
  );

  it('through the polymorphic and no-attributes relationships', async () => {
    const own = await mutate('alice', CREATE_ITEM, { input: { title: 'Related', workspaceId: ids.publicWorkspace } });
    await mutate('alice', 'mutation($id: ID!, $input: AddItemRelationInput!) { addItemRelation(id: $id, input: $input) { result { id } errors { code path } } }',
      { id: own.id, input: { relationType: 'ITEM', relationId: ids.secretItem } });
    const relations = 'query($id: ID!) { item(id: $id) { relations { ... on Item { title } } } }';
    expect((await gql('alice', relations, { id: own.id })).item.relations).toEqual([{ title: 'Secret plan' }]);
    expect((await gql('dave', relations, { id: own.id })).item.relations).toEqual([]);
    // Higher-priority items of the private workspace: Alice reads the one she is a member of, not one with no members.
    await mutate('alice', CREATE_ITEM, { input: { title: 'Urgent, Alice’s', priority: 9, workspaceId: ids.secretWorkspace, members: [{ id: ids.alice, role: 'ADMIN' }] } });
    await mutate('alice', CREATE_ITEM, { input: { title: 'Urgent, nobody’s', priority: 9, workspaceId: ids.secretWorkspace } });
    const higher = await gql('alice', 'query($id: ID!) { item(id: $id) { higherPriorityItems { title } } }', { id: ids.secretItem });
    expect(higher.item.higherPriorityItems).toEqual([{ title: 'Urgent, Alice’s' }]);
    expect(await app.prisma.item.count({ where: { workspaceId: ids.secretWorkspace, priority: 9 } })).toBe(2);
  });

  it.each([['alice', true], ['dave', false], [null, false]] as const)(
    'in filters through relationships, which see only readable records (no yes/no oracle on hidden ones): %s sees it: %s',
    async (actor, reads) => {
      const data = await gql(actor, `{
        some: members(filter: { items: { some: { title: { startsWith: "Secret" } } } }) { totalCount }
        none: members(filter: { items: { none: { title: { startsWith: "Secret" } } } }) { totalCount }
        all: members { totalCount }
        byRole: members(filter: { memberships: { some: { role: { eq: VIEWER } } } }) { edges { node { name } } }
        nested: member(id: "${ids.carol}") { items(filter: { workspace: { name: { eq: "Skunkworks" } } }) { title } }
      }`);
      expect(data.some.totalCount).toBe(reads ? 3 : 0);
      expect(data.none.totalCount).toBe(reads ? data.all.totalCount - 3 : data.all.totalCount);
      expect(data.byRole.edges.map((e: any) => e.node.name)).toEqual(reads ? ['carol'] : []);
      expect(data.nested.items.map((i: any) => i.title)).toEqual(reads ? ['Secret plan'] : []);
    },
  );

  it('applies the read filter inside the batched load statement (no extra statement per level)', async () => {
    const query = `query($id: ID!) { workspace(id: $id) { items { dependencies { comments { body } } } } }`;
    app.resetQueries();
    await gql('alice', query, { id: ids.publicWorkspace });
    // workspace by id, its items, their dependencies, their comments: one statement each, the filter inside.
    expect(app.queries.length).toBe(4);
    const comments = app.queries.filter((sql) => sql.includes('FROM "Comment"'));
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain('"ItemMember"');
    app.resetQueries();
    await gql('dave', query, { id: ids.publicWorkspace });
    // Dave reads no dependency, so there are no comments to load.
    expect(app.queries.length).toBe(3);
  });

  it.each([['alice', true], ['dave', false]] as const)('through the manual relationship: %s reads it: %s', async (actor, reads) => {
    const data = await gql(actor, 'query($id: ID!) { member(id: $id) { items { title } itemsAboveThreshold { title } } }', { id: ids.carol });
    expect(data.member.itemsAboveThreshold).toEqual(reads ? [{ title: 'Secret plan' }] : []);
    expect(data.member.items).toEqual(reads ? [{ title: 'Secret plan' }] : []);
  });

  it.each([['carol', true], ['dave', false]] as const)('private workspace: %s reads it: %s', async (actor, reads) => {
    const data = await gql(actor, 'query($id: ID!) { workspace(id: $id) { name } }', { id: ids.secretWorkspace });
    expect(data.workspace).toEqual(reads ? { name: 'Skunkworks' } : null);
  });

  it.each([['carol', true], ['dave', false], [null, false]] as const)('history, time travel and the event log: %s reads them: %s', async (actor, reads) => {
    const later = new Date(Date.now() + 60_000).toISOString();
    const read = () => gql(actor, `query($id: ID!, $asOf: DateTime!, $comment: ID!) {
      item(id: $id, asOf: $asOf) { title history { edges { node { action } } } }
      itemEvents: events(filter: { recordId: $id }) { edges { node { action } } }
      commentEvents: events(filter: { recordId: $comment }) { edges { node { action } } }
      all: events(first: 500) { edges { node { resource recordId } } }
    }`, { id: ids.secretItem, asOf: later, comment: ids.secretComment });
    const idsIn = (data: any) => new Set(data.all.edges.map((e: any) => e.node.recordId));
    // The log shows events once every earlier transaction has finished (see `eventually`).
    const data = await eventually(read, (d) => idsIn(d).has(ids.publicItem) && (!reads || d.itemEvents.edges.length > 0));
    const recordIds = idsIn(data);
    if (reads) {
      expect(data.item.title).toBe('Secret plan');
      expect(data.item.history.edges.map((e: any) => e.node.action)).toEqual(['create']);
      expect(data.itemEvents.edges.length).toBe(1);
      expect(data.commentEvents.edges.length).toBe(1);
      expect(recordIds.has(ids.secretItem)).toBe(true);
    } else {
      expect(data.item).toBeNull();
      expect(data.itemEvents.edges).toEqual([]);
      expect(data.commentEvents.edges).toEqual([]);
      for (const hidden of [ids.secretItem, ids.secretComment, ids.secretWorkspace]) expect(recordIds.has(hidden)).toBe(false);
      expect(recordIds.has(ids.publicItem)).toBe(true);
    }
  });

  describe('through a nested relate: a record the actor may not read is NOT_FOUND, as if it did not exist', () => {
    it.each([
      ['a managed belongsTo (workspace by id)', { title: 'Sneaky', workspace: { id: 'secretWorkspace' } }, ['workspace', 'id']],
      ['a belongsTo key', { title: 'Sneaky', workspaceId: 'secretWorkspace' }, ['workspaceId']],
    ])('createItem through %s', async (_, input, path) => {
      const withIds = JSON.parse(JSON.stringify(input).replace('"secretWorkspace"', JSON.stringify(ids.secretWorkspace)));
      expect(await refused('dave', CREATE_ITEM, { input: withIds })).toEqual([{ code: 'NOT_FOUND', path }]);
      const allowed = await mutate('carol', CREATE_ITEM, { input: { ...withIds, title: `Allowed via ${path[0]}` } });
      expect(allowed.workspace.id).toBe(ids.secretWorkspace);
    });

    it('updateItem(dependencies) by id, createComment(itemId), addItemRelation(relationId)', async () => {
      const own = await mutate('dave', CREATE_ITEM, { input: { title: 'Dave’s', workspaceId: ids.publicWorkspace } });
      expect(await refused('dave', UPDATE_ITEM, { id: own.id, input: { dependencies: [ids.secretItem] } }))
        .toEqual([{ code: 'NOT_FOUND', path: ['dependencies', '0'] }]);
      expect(await refused('dave', 'mutation($input: CreateCommentInput!) { createComment(input: $input) { result { id } errors { code path } } }', { input: { body: 'Hi', itemId: ids.secretItem } }))
        .toEqual([{ code: 'NOT_FOUND', path: ['itemId'] }]);
      expect(await refused('dave', 'mutation($id: ID!, $input: AddItemRelationInput!) { addItemRelation(id: $id, input: $input) { result { id } errors { code path } } }', { id: own.id, input: { relationType: 'ITEM', relationId: ids.secretItem } }))
        .toEqual([{ code: 'NOT_FOUND', path: ['relationId'] }]);
      // Alice may read the secret item, so she may relate it.
      await mutate('alice', UPDATE_ITEM, { id: own.id, input: { dependencies: [ids.secretItem] } });
    });

    it('a managed argument leaves related records the actor cannot read alone (they neither match nor get removed)', async () => {
      const shared = (await mutate('dave', CREATE_ITEM, { input: { title: 'Shared', workspaceId: ids.publicWorkspace } })).id;
      await mutate('alice', UPDATE_ITEM, { id: shared, input: { dependencies: [ids.secretItem] } });
      const own = (await mutate('dave', CREATE_ITEM, { input: { title: 'Dave’s dependency', workspaceId: ids.publicWorkspace } })).id;
      // Dave sets the complete set he can see; the dependency he cannot see stays, and no error names it.
      await mutate('dave', UPDATE_ITEM, { id: shared, input: { dependencies: [own] } });
      const read = 'query($id: ID!) { item(id: $id) { dependencies { title } } }';
      expect((await gql('dave', read, { id: shared })).item.dependencies).toEqual([{ title: 'Dave’s dependency' }]);
      expect((await gql('alice', read, { id: shared })).item.dependencies).toEqual([{ title: 'Secret plan' }, { title: 'Dave’s dependency' }]);
      await mutate('dave', UPDATE_ITEM, { id: shared, input: { dependencies: [] } });
      expect((await gql('alice', read, { id: shared })).item.dependencies).toEqual([{ title: 'Secret plan' }]);
    });

    it('an event link to an event of an unreadable record', async () => {
      const secretEvent = (await app.prisma.event.findFirstOrThrow({ where: { recordId: ids.secretComment } })).id;
      const query = 'mutation($input: CreateCommentInput!, $links: [CommentEventLinkInput!]) { createComment(input: $input, links: $links) { result { id } errors { code path } } }';
      const input = { body: 'Re: secret', itemId: ids.publicItem };
      expect(await refused('dave', query, { input, links: [{ type: 'REPLIES_TO', eventId: secretEvent }] }))
        .toEqual([{ code: 'NOT_FOUND', path: ['links', '0', 'eventId'] }]);
      await mutate('carol', query, { input, links: [{ type: 'REPLIES_TO', eventId: secretEvent }] });
    });

    it('updating, destroying or relating a record that does not exist is NOT_FOUND, as without policies', async () => {
      const missing = '0190a6f0-0000-7000-8000-000000000001';
      expect(await refused('alice', UPDATE_ITEM, { id: missing, input: { title: 'Ghost' } })).toEqual([{ code: 'NOT_FOUND', path: ['id'] }]);
      expect(await refused('alice', 'mutation($id: ID!) { destroyItem(id: $id) { result { id } errors { code path } } }', { id: missing }))
        .toEqual([{ code: 'NOT_FOUND', path: ['id'] }]);
      expect(await refused('alice', 'mutation($id: ID!) { removeItemRelation(id: $id, input: { relationId: $id }) { result { id } errors { code path } } }', { id: missing }))
        .toEqual([{ code: 'NOT_FOUND', path: ['id'] }]);
    });

    it('updating or destroying a record the actor may not read is NOT_FOUND, not FORBIDDEN', async () => {
      expect(await refused('dave', UPDATE_ITEM, { id: ids.secretItem, input: { title: 'Mine now' } })).toEqual([{ code: 'NOT_FOUND', path: ['id'] }]);
      expect(await refused(null, 'mutation($id: ID!) { destroyComment(id: $id) { result { id } errors { code path } } }', { id: ids.secretComment }))
        .toEqual([{ code: 'NOT_FOUND', path: ['id'] }]);
    });
  });
});

describe('action policies', () => {
  /** A fresh item in the private workspace with Alice (ADMIN), Bob (EDITOR) and Carol (VIEWER). */
  async function teamItem(title: string) {
    return (await mutate('alice', CREATE_ITEM, {
      input: { title, workspaceId: ids.secretWorkspace, members: [{ id: ids.alice, role: 'ADMIN' }, { id: ids.bob, role: 'EDITOR' }, { id: ids.carol, role: 'VIEWER' }] },
    })).id as string;
  }
  const DESTROY_ITEM = 'mutation($id: ID!) { destroyItem(id: $id) { result { id } errors { code path } } }';
  const ADD_RELATION = 'mutation($id: ID!, $input: AddItemRelationInput!) { addItemRelation(id: $id, input: $input) { result { id } errors { code path } } }';
  const REMOVE_RELATION = 'mutation($id: ID!, $input: RemoveItemRelationInput!) { removeItemRelation(id: $id, input: $input) { result { id } errors { code path } } }';
  const forbidden = (path: string[]) => [{ code: 'FORBIDDEN', path }];

  it('anonymous requests may only sign up', async () => {
    expect(await refused(null, 'mutation { createWorkspace(input: { name: "Anon" }) { result { id } errors { code path } } }')).toEqual(forbidden(['input']));
    expect(await refused(null, CREATE_ITEM, { input: { title: 'Anon', workspaceId: ids.publicWorkspace } })).toEqual(forbidden(['input']));
    expect(await refused(null, UPDATE_ITEM, { id: ids.publicItem, input: { title: 'Anon' } })).toEqual(forbidden(['id']));
    expect(await refused(null, 'mutation { createMilestone(input: { name: "Anon" }) { result { id } errors { code path } } }')).toEqual(forbidden(['input']));
    await mutate(null, CREATE_MEMBER, { input: { name: 'Eve', email: 'eve@policies.test', profile: { bio: 'New here' } } });
  });

  it('a signed-in actor may create workspaces, items, comments and milestones', async () => {
    const workspace = await mutate('dave', 'mutation { createWorkspace(input: { name: "Dave’s" }) { result { id } errors { code path } } }');
    const item = await mutate('dave', CREATE_ITEM, { input: { title: 'Task', workspaceId: workspace.id } });
    await mutate('dave', 'mutation($input: CreateCommentInput!) { createComment(input: $input) { result { id } errors { code path } } }', { input: { body: 'Note', itemId: item.id } });
    await mutate('dave', 'mutation { createMilestone(input: { name: "Launch" }) { result { id } errors { code path } } }');
  });

  it.each([['bob (EDITOR)', 'bob', true], ['alice (ADMIN)', 'alice', true], ['carol (VIEWER)', 'carol', false]] as const)(
    'updateItem, addItemRelation and removeItemRelation at the root: %s allowed: %s',
    async (_, actor, allowed) => {
      const id = await teamItem(`Update by ${actor}`);
      const relation = { relationType: 'ITEM', relationId: ids.publicItem };
      if (allowed) {
        expect((await mutate(actor, UPDATE_ITEM, { id, input: { title: 'Renamed' } })).title).toBe('Renamed');
        await mutate(actor, ADD_RELATION, { id, input: relation });
        await mutate(actor, REMOVE_RELATION, { id, input: { relationId: ids.publicItem } });
      } else {
        expect(await refused(actor, UPDATE_ITEM, { id, input: { title: 'Renamed' } })).toEqual(forbidden(['id']));
        expect(await refused(actor, ADD_RELATION, { id, input: relation })).toEqual(forbidden(['id']));
        await mutate('bob', ADD_RELATION, { id, input: relation });
        expect(await refused(actor, REMOVE_RELATION, { id, input: { relationId: ids.publicItem } })).toEqual(forbidden(['id']));
      }
    },
  );

  it.each([['alice (ADMIN)', 'alice', true], ['bob (EDITOR)', 'bob', false], ['carol (VIEWER)', 'carol', false]] as const)(
    'destroyItem needs ADMIN: %s allowed: %s',
    async (_, actor, allowed) => {
      const id = await teamItem(`Destroy by ${actor}`);
      // The ADMIN's destroy takes the memberships with it (Item.members: onDestroy cascade on the join records).
      if (allowed) {
        expect((await mutate(actor, DESTROY_ITEM, { id })).id).toBe(id);
        expect(await app.prisma.itemMember.count({ where: { itemId: id } })).toBe(0);
      } else {
        expect(await refused(actor, DESTROY_ITEM, { id })).toEqual(forbidden(['id']));
      }
    },
  );

  it('an item with no members yet is open to every signed-in actor, not to anonymous requests', async () => {
    const id = (await mutate('dave', CREATE_ITEM, { input: { title: 'Unowned', workspaceId: ids.publicWorkspace } })).id;
    await mutate('bob', UPDATE_ITEM, { id, input: { title: 'Claimed' } });
    expect(await refused(null, DESTROY_ITEM, { id })).toEqual(forbidden(['id']));
    await mutate('carol', DESTROY_ITEM, { id });
  });

  it('through a nested relate: changing comments through updateItem follows the Comment policy of the item', async () => {
    const id = await teamItem('Discussed');
    const withComment = await mutate('bob', UPDATE_ITEM.replace('result { id title }', 'result { id title comments { id body } }'), { id, input: { comments: [{ body: 'First' }] } });
    const commentId = withComment.comments[0].id;
    // Carol may not change the item, so neither its comments through it nor the comment directly.
    expect(await refused('carol', UPDATE_ITEM, { id, input: { comments: [] } })).toEqual(forbidden(['id']));
    expect(await refused('carol', 'mutation($id: ID!) { updateComment(id: $id, input: { body: "Edited" }) { result { id } errors { code path } } }', { id: commentId }))
      .toEqual(forbidden(['id']));
    await mutate('bob', 'mutation($id: ID!) { updateComment(id: $id, input: { body: "Edited" }) { result { id } errors { code path } } }', { id: commentId });
    await mutate('bob', UPDATE_ITEM, { id, input: { comments: [] } });
    expect(await app.prisma.comment.count({ where: { itemId: id } })).toBe(0);
  });

  it('join records change only through the Item arguments that manage them', async () => {
    const id = await teamItem('Joined');
    expect(await refused('alice', 'mutation($input: CreateItemMemberInput!) { createItemMember(input: $input) { result { id } errors { code path } } }', { input: { itemId: id, memberId: ids.dave } }))
      .toEqual(forbidden(['input']));
    await mutate('alice', UPDATE_ITEM, { id, input: { addMembers: [{ id: ids.dave, role: 'VIEWER' }] } });
    expect(await app.prisma.itemMember.count({ where: { itemId: id, memberId: ids.dave } })).toBe(1);
    expect(await refused('carol', UPDATE_ITEM, { id, input: { removeMembers: [{ id: ids.dave }] } })).toEqual(forbidden(['id']));
  });

  it('a member changes only their own record and profile; a profile is created with its member or by them', async () => {
    const UPDATE_MEMBER = 'mutation($id: ID!) { updateMember(id: $id, input: { name: "Renamed" }) { result { id } errors { code path } } }';
    expect(await refused('bob', UPDATE_MEMBER, { id: ids.dave })).toEqual(forbidden(['id']));
    await mutate('dave', UPDATE_MEMBER, { id: ids.dave });
    const CREATE_PROFILE = 'mutation($input: CreateProfileInput!) { createProfile(input: $input) { result { id } errors { code path } } }';
    expect(await refused('bob', CREATE_PROFILE, { input: { bio: 'Not mine', memberId: ids.dave } })).toEqual(forbidden(['input']));
    await mutate('dave', CREATE_PROFILE, { input: { bio: 'Mine', memberId: ids.dave } });
  });
});

describe('statements the policies add', () => {
  const data = () => app.queries.filter((sql) => !/^\s*(BEGIN|COMMIT|ROLLBACK|--)/i.test(sql));

  it('none to the nested create M1: the reference checks carry the read filter in their own SELECT', async () => {
    app.resetQueries();
    await mutate('alice', CREATE_ITEM.replace('result { id workspace { id } comments { id } }', 'result { id }'), {
      input: { title: 'Counted', workspaceId: ids.publicWorkspace, comments: [{ body: 'a' }, { body: 'b' }], members: [{ id: ids.alice, role: 'ADMIN' }, { id: ids.bob, role: 'EDITOR' }] },
    });
    // As without authorization (managed.test.ts): the check of workspaceId (its read filter in the same SELECT) and the
    // member lookup in one statement, 1 append with the rows' inserts (Item's invariant is decided in memory for a new item).
    expect(data()).toHaveLength(2);
  });

  it('two small SELECTs to an update of an item: may the actor read it, does its condition hold', async () => {
    const id = (await mutate('alice', CREATE_ITEM, { input: { title: 'Counted', workspaceId: ids.publicWorkspace, members: [{ id: ids.alice, role: 'ADMIN' }, { id: ids.bob, role: 'EDITOR' }] } })).id;
    app.resetQueries();
    await mutate('bob', UPDATE_ITEM.replace('result { id title }', 'result { id }'), { id, input: { title: 'Recounted' } });
    const statements = data();
    // The stream head's lock (an update without expectedVersion waits its turn on the record; added with
    // StreamHead, it replaced the retry of a lost race), the fold of the record with the readability check,
    // the policy's condition, then one statement: the event with its head move, and the row's update.
    expect(statements).toHaveLength(4);
    expect(statements[1]).toMatch(/"Snapshot"[\s\S]*FROM "Item"/);
    expect(statements[2]).toMatch(/FROM "Item" AS t1 WHERE .*"ItemMember"/);
  });
});

describe('authentication', () => {
  it.each(['Bearer not-a-uuid', 'Basic abc', 'Bearer'])('refuses the Authorization header %j with 401 UNAUTHENTICATED, before any statement', async (header) => {
    app.resetQueries();
    const { status, body } = await app.gql('{ items { totalCount } }', undefined, { authorization: header });
    expect(status).toBe(401);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(app.queries).toEqual([]);
  });

  it('stores the actor on every event it writes', async () => {
    const item = await mutate('dave', CREATE_ITEM, { input: { title: 'Signed', workspaceId: ids.publicWorkspace } });
    const event = await app.prisma.event.findFirstOrThrow({ where: { recordId: item.id } });
    expect(event.actor).toBe(ids.dave);
  });
});
