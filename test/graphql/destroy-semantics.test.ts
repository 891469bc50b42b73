import { Comment } from '../../src/app/resources/comment';
import { Item } from '../../src/app/resources/item';
import { ItemDependency } from '../../src/app/resources/item-dependency';
import { ItemMember } from '../../src/app/resources/item-member';
import { Member } from '../../src/app/resources/member';
import { Milestone } from '../../src/app/resources/milestone';
import { Profile } from '../../src/app/resources/profile';
import { Workspace } from '../../src/app/resources/workspace';
import { replay } from '../../src/engine/replay';
import { buildSchema } from '../../src/graphql/schema';
import { action, defineDomain, defineResource, relationship, type Domain, type RelationshipDefinition } from '../../src/resource';
import { createServer } from '../../src/server/create-server';
import { graphqlClient, startTestApp, type TestApp } from '../support/app';
import { expectSameTables, snapshotTables } from '../support/compare-tables';
import { openTestDatabase, type TestDatabase } from '../support/database';
import { problemsOf } from '../support/domain-problems';
import { eventually } from '../support/eventually';
import { asService, signedInAs, testAuthenticator } from '../support/tokens';

/**
 * What destroying a record does to the records pointing at it (onDestroy:
 * restrict / cascade / nullify), through GraphQL: the reference app's rules
 * (an item takes its comments, memberships and dependency links with it; a
 * workspace with items and a member with memberships are CONFLICT), a domain
 * built for the other cases (nullify, restrict, a cascade refused two levels
 * down or by a cascaded record's own policy), replay after cascades, and the
 * definition checks. Every write checks its events (one per record, caused by
 * the root) and every refusal that nothing was written.
 */
jest.setTimeout(60_000);

const ERRORS = 'errors { code path message }';
const M = {
  createWorkspace: `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { result { id } ${ERRORS} } }`,
  destroyWorkspace: `mutation($id: ID!) { destroyWorkspace(id: $id) { result { id } ${ERRORS} } }`,
  createMember: `mutation($input: CreateMemberInput!) { createMember(input: $input) { result { id } ${ERRORS} } }`,
  destroyMember: `mutation($id: ID!) { destroyMember(id: $id) { result { id } ${ERRORS} } }`,
  createItem: `mutation($input: CreateItemInput!) { createItem(input: $input) { result { id } ${ERRORS} } }`,
  updateItem: `mutation($id: ID!, $input: UpdateItemInput!) { updateItem(id: $id, input: $input) { result { id } ${ERRORS} } }`,
  destroyItem: `mutation($id: ID!) { destroyItem(id: $id) { result { id } ${ERRORS} } }`,
  createComment: `mutation($input: CreateCommentInput!) { createComment(input: $input) { result { id } ${ERRORS} } }`,
  destroyComment: `mutation($id: ID!) { destroyComment(id: $id) { result { id } ${ERRORS} } }`,
  createMilestone: `mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { result { id } ${ERRORS} } }`,
  addItemRelation: `mutation($id: ID!, $input: AddItemRelationInput!) { addItemRelation(id: $id, input: $input) { result { id } ${ERRORS} } }`,
};
type Mutation = keyof typeof M;

const EVENTS = `query($filter: EventFilter) { events(filter: $filter, first: 100) {
  edges { node { id resource recordId action payload actor correlationId causationId } } } }`;

interface EventView {
  id: string;
  resource: string;
  recordId: string;
  action: string;
  payload: Record<string, unknown>;
  actor: string | null;
  correlationId: string;
  causationId: string | null;
}

type Gql = ReturnType<typeof graphqlClient>;

/** Runs a mutation; returns its payload (`result` and `errors`). */
async function send(gql: Gql, name: Mutation, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const { status, body } = await gql(M[name], variables, headers);
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data[name] as { result: { id: string } | null; errors: { code: string; path: string[]; message: string }[] };
}

/** Runs a mutation that must succeed; returns the id of its result. */
async function ok(gql: Gql, name: Mutation, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string> {
  const payload = await send(gql, name, variables, headers);
  expect({ name, errors: payload.errors }).toEqual({ name, errors: [] });
  return payload.result!.id;
}

/**
 * The events matching `filter`, in log order, as a service reads them (every record, destroyed ones included),
 * once there are `count` (the log shows an event when every transaction before it has finished: on a shared
 * PostgreSQL server, other test files' transactions can delay that briefly).
 */
async function eventsOf(gql: Gql, filter: Record<string, string>, count: number): Promise<EventView[]> {
  const read = async () => {
    const { body } = await gql(EVENTS, { filter }, await asService('auditor'));
    expect(body.errors).toBeUndefined();
    return body.data.events.edges.map((e: { node: EventView }) => e.node) as EventView[];
  };
  return eventually(read, (events) => events.length >= count);
}

/** Checks that `events` are one root event and the steps it caused, all of one request; returns the steps as `Resource action`, sorted. */
function causedByRoot(events: readonly EventView[], root: { resource: string; recordId: string; action: string }): string[] {
  const [first, ...rest] = events;
  expect(first).toMatchObject({ ...root, causationId: null });
  for (const event of rest) expect({ id: event.id, causationId: event.causationId, correlationId: event.correlationId, actor: event.actor })
    .toEqual({ id: event.id, causationId: first!.id, correlationId: first!.correlationId, actor: first!.actor });
  return rest.map((e) => `${e.resource} ${e.action}`).sort();
}

// ---- the reference app -------------------------------------------------------

describe('the reference app', () => {
  let app: TestApp;
  const as: Record<'alice' | 'bob' | 'dave', Record<string, string>> = { alice: {}, bob: {}, dave: {} };
  const ids = { alice: '', bob: '', dave: '', workspace: '' };

  beforeAll(async () => {
    app = await startTestApp();
    for (const name of ['alice', 'bob', 'dave'] as const) {
      ids[name] = await ok(app.gql, 'createMember', { input: { name, email: `${name}@destroy.test` } });
      as[name] = await signedInAs(ids[name]);
    }
    ids.workspace = await ok(app.gql, 'createWorkspace', { input: { name: 'Public' } }, as.alice);
  });
  afterAll(() => app.dispose());

  /** An item of alice's public workspace: alice ADMIN, bob EDITOR, a comment by each. */
  async function teamItem(title: string): Promise<{ id: string; comments: string[] }> {
    const id = await ok(app.gql, 'createItem', {
      input: { title, workspaceId: ids.workspace, members: [{ id: ids.alice, role: 'ADMIN' }, { id: ids.bob, role: 'EDITOR' }], comments: [{ body: 'by alice' }] },
    }, as.alice);
    const fromBob = await ok(app.gql, 'createComment', { input: { itemId: id, body: 'by bob' } }, as.bob);
    const comments = await app.prisma.comment.findMany({ where: { itemId: id }, select: { id: true } });
    expect(comments.map((c) => c.id)).toContain(fromBob);
    return { id, comments: comments.map((c) => c.id) };
  }

  const rowsPointingAt = async (id: string) => ({
    comments: await app.prisma.comment.count({ where: { itemId: id } }),
    memberships: await app.prisma.itemMember.count({ where: { itemId: id } }),
    dependencies: await app.prisma.itemDependency.count({ where: { OR: [{ itemId: id }, { dependsOnId: id }] } }),
    relations: await app.prisma.itemRelation.count({ where: { itemId: id } }),
  });

  it('destroyItem (by its ADMIN) destroys its comments, memberships and dependency links both ways: one event each, caused by the root', async () => {
    const { id, comments } = await teamItem('Doomed');
    const before = await ok(app.gql, 'createItem', { input: { title: 'Before', workspaceId: ids.workspace } }, as.alice);
    const after = await ok(app.gql, 'createItem', { input: { title: 'After', workspaceId: ids.workspace } }, as.alice);
    await ok(app.gql, 'updateItem', { id, input: { dependencies: [before] } }, as.alice);
    await ok(app.gql, 'updateItem', { id: after, input: { dependencies: [id] } }, as.alice);
    const milestone = await ok(app.gql, 'createMilestone', { input: { name: 'Launch' } }, as.alice);
    await ok(app.gql, 'addItemRelation', { id, input: { relationType: 'MILESTONE', relationId: milestone } }, as.alice);
    await ok(app.gql, 'addItemRelation', { id: before, input: { relationType: 'ITEM', relationId: id } }, as.alice);
    expect(await rowsPointingAt(id)).toEqual({ comments: 2, memberships: 2, dependencies: 2, relations: 1 });

    expect(await ok(app.gql, 'destroyItem', { id }, { ...as.alice, 'x-request-id': 'destroy-doomed' })).toBe(id);

    const events = await eventsOf(app.gql, { correlationId: `${ids.alice}/destroy-doomed` }, 7);
    expect(causedByRoot(events, { resource: 'Item', recordId: id, action: 'destroy' })).toEqual([
      'Comment destroy', 'Comment destroy', 'ItemDependency destroy', 'ItemDependency destroy', 'ItemMember destroy', 'ItemMember destroy',
    ]);
    expect(events.filter((e) => e.resource === 'Comment').map((e) => e.recordId).sort()).toEqual([...comments].sort());
    expect(await rowsPointingAt(id)).toEqual({ comments: 0, memberships: 0, dependencies: 0, relations: 0 });
    expect(await app.prisma.item.count({ where: { id } })).toBe(0);
    // The other ends stay: members, the items it depended on and that depended on it, the milestone.
    expect(await app.prisma.member.count({ where: { id: { in: [ids.alice, ids.bob] } } })).toBe(2);
    expect(await app.prisma.item.count({ where: { id: { in: [before, after] } } })).toBe(2);
    expect(await app.prisma.milestone.count({ where: { id: milestone } })).toBe(1);
    // Another item's relation to it is left out on read (a pair whose target no longer exists).
    const { body } = await app.gql('query($id: ID!) { item(id: $id) { relations { __typename } dependencies { id } } }', { id: after }, as.alice);
    expect(body.data.item).toEqual({ relations: [], dependencies: [] });
    // A cascaded record's history is in the log: its create and the destroy caused by the item's.
    const history = await eventsOf(app.gql, { recordId: comments[0]! }, 2);
    expect(history.map((e) => [e.action, e.causationId])).toEqual([['create', expect.anything()], ['destroy', events[0]!.id]]);
  });

  it('costs a fixed number of statements per record: a destroyItem with 2 comments and 2 members', async () => {
    const { id } = await teamItem('Counted');
    app.resetQueries();
    await ok(app.gql, 'destroyItem', { id }, as.alice);
    const statements = app.queries.filter((sql) => !/^(BEGIN|COMMIT|--)/i.test(sql.trim()));
    // Gathered in rounds, each round's reads in one statement after its head locks: the item's head lock, then its
    // fold and may the actor read it; its destroy policy's condition and its dependents' ids (comments, memberships,
    // dependency links both ways); the dependents' head locks, then their folds; the Comment destroy policy's
    // condition; then one statement: the append of all 5 events and one DELETE per model. The same for any number
    // of comments and members.
    expect(statements).toHaveLength(8);
    // One DELETE per model (a CTE each, checked at the end of the statement, so the item's may go with its children's).
    const deletes = [...statements.at(-1)!.matchAll(/DELETE FROM "(\w+)"/g)].map((match) => match[1]);
    expect(deletes).toEqual(['Comment', 'ItemMember', 'Item']);
  });

  it('an item may depend on itself: its one link, reached both ways, is destroyed once', async () => {
    const id = await ok(app.gql, 'createItem', { input: { title: 'Ouroboros', workspaceId: ids.workspace } }, as.alice);
    await ok(app.gql, 'updateItem', { id, input: { dependencies: [id] } }, as.alice);
    await ok(app.gql, 'destroyItem', { id }, { ...as.alice, 'x-request-id': 'destroy-ouroboros' });
    expect(causedByRoot(await eventsOf(app.gql, { correlationId: `${ids.alice}/destroy-ouroboros` }, 2), { resource: 'Item', recordId: id, action: 'destroy' }))
      .toEqual(['ItemDependency destroy']);
  });

  it('the root policy decides: an EDITOR may not destroy the item (FORBIDDEN), and nothing is written', async () => {
    const { id } = await teamItem('Kept');
    const counts = await app.counts();
    const refused = await send(app.gql, 'destroyItem', { id }, as.bob);
    expect(refused.errors.map((e) => [e.code, e.path])).toEqual([['FORBIDDEN', ['id']]]);
    expect(await app.counts()).toEqual(counts);
    expect(await rowsPointingAt(id)).toMatchObject({ comments: 2, memberships: 2 });
  });

  it('a dependency link from an item the ADMIN cannot read goes too (cascaded records are not read-checked)', async () => {
    const id = await ok(app.gql, 'createItem', { input: { title: 'Depended on', workspaceId: ids.workspace, members: [{ id: ids.alice, role: 'ADMIN' }] } }, as.alice);
    const hidden = await ok(app.gql, 'createItem', {
      input: { title: 'Secret', workspace: { name: 'Dave’s', private: true }, members: [{ id: ids.dave, role: 'ADMIN' }] },
    }, as.dave);
    await ok(app.gql, 'updateItem', { id: hidden, input: { dependencies: [id] } }, as.dave);
    const { body } = await app.gql('query($id: ID!) { item(id: $id) { id } }', { id: hidden }, as.alice);
    expect(body.data.item).toBeNull();

    await ok(app.gql, 'destroyItem', { id }, as.alice);
    expect(await app.prisma.itemDependency.count({ where: { itemId: hidden } })).toBe(0);
    expect(await app.prisma.item.count({ where: { id: hidden } })).toBe(1);
  });

  it('a workspace with items is CONFLICT (restrict), and nothing is written', async () => {
    const workspace = await ok(app.gql, 'createWorkspace', { input: { name: 'Busy' } }, as.alice);
    await ok(app.gql, 'createItem', { input: { title: 'Busy work', workspaceId: workspace } }, as.alice);
    const counts = await app.counts();
    const refused = await send(app.gql, 'destroyWorkspace', { id: workspace }, as.alice);
    expect(refused.errors).toEqual([
      { code: 'CONFLICT', path: [], message: `Workspace "${workspace}" still has 1 related Item record(s) through "items"; remove them first.` },
    ]);
    expect(await app.counts()).toEqual(counts);
  });

  it('a member with memberships is CONFLICT (restrict: an item must keep its ADMIN); one without goes with its profile', async () => {
    const events = await app.prisma.event.count();
    const refused = await send(app.gql, 'destroyMember', { id: ids.bob }, as.bob);
    expect(refused.errors.map((e) => [e.code, e.path, e.message.includes('"memberships"')])).toEqual([['CONFLICT', [], true]]);
    expect(await app.prisma.event.count()).toBe(events);

    const erin = await ok(app.gql, 'createMember', { input: { name: 'erin', email: 'erin@destroy.test', profile: { bio: 'Leaving soon' } } });
    await ok(app.gql, 'destroyMember', { id: erin }, { ...(await signedInAs(erin)), 'x-request-id': 'leave' });
    expect(causedByRoot(await eventsOf(app.gql, { correlationId: `${erin}/leave` }, 2), { resource: 'Member', recordId: erin, action: 'destroy' })).toEqual(['Profile destroy']);
    expect(await app.prisma.profile.count({ where: { memberId: erin } })).toBe(0);
  });

  it('replay rebuilds the same tables after the cascades', async () => {
    const live = await snapshotTables(app.db, app.domain);
    await replay(app.db, app.domain);
    expectSameTables(await snapshotTables(app.db, app.domain), live);
  });
});

// ---- a domain for the other cases ----------------------------------------------

/**
 * Workspaces cascade to their items; an item that others depend on cannot be
 * destroyed (restrict on `dependents`); a member's workspaces are nullified
 * (ownerId cleared) and its profile restricts; a comment may be destroyed only
 * by a cascade, and never one saying "keep". No other policies.
 */
function destroyDomain(): Domain {
  const open = <T extends { policies?: unknown }>(def: T) => ({ ...def, policies: undefined });
  const dependents = Item.relationships!.dependents!;
  return defineDomain([
    defineResource({ ...open(Workspace), relationships: { ...Workspace.relationships, items: relationship.hasMany('Item', { onDestroy: 'cascade' }) } }),
    defineResource({
      ...open(Member),
      relationships: {
        ...Member.relationships,
        profile: relationship.hasOne('Profile'),
        items: relationship.manyToMany('Item', { through: 'ItemMember', joinRelationship: 'memberships' }),
        ownedWorkspaces: relationship.hasMany('Workspace', { destinationAttribute: 'ownerId', onDestroy: 'nullify' }),
      },
    }),
    defineResource({
      ...open(Item),
      relationships: { ...Item.relationships, dependents: relationship.manyToMany('Item', { ...dependents.options, onDestroy: 'restrict' } as never) },
    }),
    defineResource({
      ...Comment,
      policies: { actions: { create: () => true, update: () => true, destroy: ({ via, record }) => via?.cascade === true && record?.body !== 'keep' } },
    }),
    ...[Profile, ItemMember, ItemDependency, Milestone].map((def) => defineResource(open(def))),
  ]);
}

describe('a domain with nullify, restrict and guarded cascades', () => {
  let db: TestDatabase;
  let domain: Domain;
  let gql: Gql;
  let actor: Record<string, string>;
  let actorId: string;
  const events = () => db.prisma.event.count();

  beforeAll(async () => {
    db = await openTestDatabase();
    domain = destroyDomain();
    gql = graphqlClient(createServer({
      schema: buildSchema(domain), domain, prisma: db.prisma, sql: db.sql, authenticate: testAuthenticator,
      logger: { error: () => {}, info: () => {} },
    }));
    actorId = await ok(gql, 'createMember', { input: { name: 'Actor', email: 'actor@destroy.test' } });
    actor = await signedInAs(actorId);
  });
  afterAll(() => db.dispose());

  it('nullify: destroying a member clears ownerId on its workspaces, one update event each, caused by the root', async () => {
    const owner = await ok(gql, 'createMember', { input: { name: 'Owner', email: 'owner@destroy.test' } });
    const workspaces = [
      await ok(gql, 'createWorkspace', { input: { name: 'One', ownerId: owner } }, actor),
      await ok(gql, 'createWorkspace', { input: { name: 'Two', ownerId: owner } }, actor),
    ];
    await ok(gql, 'destroyMember', { id: owner }, { ...actor, 'x-request-id': 'nullify' });

    const [root, ...steps] = await eventsOf(gql, { correlationId: `${actorId}/nullify` }, 3);
    expect(causedByRoot([root!, ...steps], { resource: 'Member', recordId: owner, action: 'destroy' })).toEqual(['Workspace update', 'Workspace update']);
    expect(steps.map((e) => [e.recordId, e.payload])).toEqual(workspaces.map((id) => [id, { ownerId: null }]));
    const rows = await db.prisma.workspace.findMany({ where: { id: { in: workspaces } }, select: { ownerId: true, version: true } });
    expect(rows).toEqual([{ ownerId: null, version: 2 }, { ownerId: null, version: 2 }]);
  });

  it('restrict (the hasOne default): a member with a profile is CONFLICT, nothing written', async () => {
    const member = await ok(gql, 'createMember', { input: { name: 'Profiled', email: 'profiled@destroy.test', profile: { bio: 'Here' } } });
    const count = await events();
    const refused = await send(gql, 'destroyMember', { id: member }, actor);
    expect(refused.errors).toEqual([
      { code: 'CONFLICT', path: [], message: `Member "${member}" still has 1 related Profile record(s) through "profile"; remove them first.` },
    ]);
    expect(await events()).toBe(count);
  });

  it('cascade two levels down: a workspace takes its items and their memberships and comments', async () => {
    const member = await ok(gql, 'createMember', { input: { name: 'Worker', email: 'worker@destroy.test' } });
    const workspace = await ok(gql, 'createWorkspace', { input: { name: 'Short-lived' } }, actor);
    const item = await ok(gql, 'createItem', {
      input: { title: 'Task', workspaceId: workspace, members: [{ id: member, role: 'ADMIN' }], comments: [{ body: 'note' }] },
    }, actor);
    await ok(gql, 'destroyWorkspace', { id: workspace }, { ...actor, 'x-request-id': 'two-levels' });
    expect(causedByRoot(await eventsOf(gql, { correlationId: `${actorId}/two-levels` }, 4), { resource: 'Workspace', recordId: workspace, action: 'destroy' }))
      .toEqual(['Comment destroy', 'Item destroy', 'ItemMember destroy']);
    expect(await db.prisma.item.count({ where: { id: item } })).toBe(0);
    expect(await db.prisma.member.count({ where: { id: member } })).toBe(1);
  });

  it('a cascade refused two levels down (an item others depend on: restrict) writes nothing', async () => {
    const workspace = await ok(gql, 'createWorkspace', { input: { name: 'Entangled' } }, actor);
    await ok(gql, 'createItem', { input: { title: 'Free', workspaceId: workspace, comments: [{ body: 'gone first' }] } }, actor);
    const needed = await ok(gql, 'createItem', { input: { title: 'Needed', workspaceId: workspace } }, actor);
    const elsewhere = await ok(gql, 'createWorkspace', { input: { name: 'Elsewhere' } }, actor);
    const waiting = await ok(gql, 'createItem', { input: { title: 'Waiting', workspaceId: elsewhere } }, actor);
    await ok(gql, 'updateItem', { id: waiting, input: { dependencies: [needed] } }, actor);
    const before = { events: await events(), items: await db.prisma.item.count(), comments: await db.prisma.comment.count() };

    const refused = await send(gql, 'destroyWorkspace', { id: workspace }, actor);
    expect(refused.errors).toEqual([
      { code: 'CONFLICT', path: [], message: `Item "${needed}" still has 1 related ItemDependency record(s) through "dependentLinks"; remove them first.` },
    ]);
    expect({ events: await events(), items: await db.prisma.item.count(), comments: await db.prisma.comment.count() }).toEqual(before);
  });

  it("a cascaded record's own policy is checked: a comment that refuses makes the destroy FORBIDDEN, nothing written", async () => {
    const workspace = await ok(gql, 'createWorkspace', { input: { name: 'Guarded' } }, actor);
    const item = await ok(gql, 'createItem', { input: { title: 'Guarded', workspaceId: workspace, comments: [{ body: 'fine' }, { body: 'keep' }] } }, actor);
    const count = await events();
    const refused = await send(gql, 'destroyItem', { id: item }, actor);
    expect(refused.errors.map((e) => [e.code, e.path])).toEqual([['FORBIDDEN', []]]);
    expect(refused.errors[0]!.message).toMatch(/may not run Comment\.destroy on a Comment that destroying this Item would destroy too \(Item\.comments has onDestroy "cascade"\)/);
    expect(await events()).toBe(count);
    expect(await db.prisma.comment.count({ where: { itemId: item } })).toBe(2);

    // The same policy lets a cascade through (via.cascade) and refuses a direct destroy.
    const other = await ok(gql, 'createItem', { input: { title: 'Unguarded', workspaceId: workspace, comments: [{ body: 'fine' }] } }, actor);
    const [comment] = await db.prisma.comment.findMany({ where: { itemId: other } });
    expect((await send(gql, 'destroyComment', { id: comment!.id }, actor)).errors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    await ok(gql, 'destroyItem', { id: other }, actor);
    expect(await db.prisma.comment.count({ where: { itemId: other } })).toBe(0);
  });

  it('replay rebuilds the same tables after cascades and nullifies', async () => {
    const live = await snapshotTables(db, domain);
    await replay(db, domain);
    expectSameTables(await snapshotTables(db, domain), live);
  });
});

// ---- definition checks ---------------------------------------------------------

describe('definition checks', () => {
  const open = <T extends { policies?: unknown; invariants?: unknown }>(def: T) => ({ ...def, policies: undefined, invariants: undefined });
  const others = [Workspace, Member, Profile, ItemMember, ItemDependency, Milestone].map((def) => defineResource(open(def)));

  it('accepts the reference app and reports every problem at once, each naming Resource.relationship', () => {
    const CommentWithoutDestroy = defineResource({ ...open(Comment), actions: { create: action.create(), update: action.update() } });
    const BadItem = defineResource({
      ...open(Item),
      relationships: {
        ...Item.relationships,
        workspace: { ...relationship.belongsTo('Workspace'), options: { onDestroy: 'cascade' } } as unknown as RelationshipDefinition,
        comments: relationship.hasMany('Comment', { onDestroy: 'nullify' }),
        notes: relationship.hasMany('Comment', { destinationAttribute: 'itemId', onDestroy: 'cascade' }),
        members: relationship.manyToMany('Member', { through: 'ItemMember', joinRelationship: 'memberships', onDestroy: 'cascade' }),
        memberships: relationship.hasMany('ItemMember', { onDestroy: 'restrict' }),
        dependencies: relationship.manyToMany('Item', { ...Item.relationships!.dependencies!.options, onDestroy: 'delete' } as never),
      },
    });
    expect(problemsOf(() => defineDomain([...others, BadItem, CommentWithoutDestroy]))).toEqual([
      'Item.workspace: onDestroy applies to hasMany, hasOne and manyToMany relationships (the records pointing at this one), not to a belongsTo; remove it.',
      'Item.dependencies: onDestroy must be one of "restrict", "cascade", "nullify" but got "delete".',
      'Item.memberships: a manyToMany and its join relationship share one onDestroy, but memberships: "restrict", members: "cascade"; give it once (on members).',
      'Item.comments: onDestroy "nullify" would clear the required key Comment.itemId; make it optional (required: false) or use "cascade" or "restrict".',
      'Item.notes: onDestroy "cascade" runs the destroy action of the Comment records, but Comment has none; declare one or use another onDestroy.',
      'Item: comments (onDestroy "nullify") and notes (onDestroy "cascade") both reach Comment.itemId; destroying one Item can do one thing to those records: give them the same onDestroy.',
      // The managed-argument check has its own say on the same missing action.
      'Item.actions.update.arguments.comments: "destroy" needs a destroy action on Comment.',
    ]);
    expect(problemsOf(() => defineDomain([Workspace, Member, Profile, Item, Comment, ItemMember, ItemDependency, Milestone]))).toEqual([]);
  });

  it('normalizes the defaults: restrict for hasMany / hasOne, cascade for a manyToMany and its join relationship', () => {
    const domain = defineDomain([...others, defineResource(open(Item)), defineResource(open(Comment))]);
    const onDestroy = (resource: string) =>
      Object.fromEntries(domain.resource(resource).relationships.flatMap((r) => ('onDestroy' in r ? [[r.name, r.onDestroy]] : [])));
    expect(onDestroy('Item')).toEqual({
      comments: 'cascade', members: 'cascade', dependencies: 'cascade', dependents: 'cascade', memberships: 'cascade', dependencyLinks: 'cascade', dependentLinks: 'cascade',
    });
    expect(onDestroy('Member')).toEqual({ profile: 'cascade', items: 'restrict', ownedWorkspaces: 'restrict', memberships: 'restrict' });
    expect(onDestroy('Workspace')).toEqual({ items: 'restrict' });
    const plain = defineDomain([defineResource({ name: 'Folder', attributes: {}, relationships: { files: relationship.hasMany('File') } }),
      defineResource({ name: 'File', attributes: {}, relationships: { folder: relationship.belongsTo('Folder') } })]);
    expect(plain.resource('Folder').relationships.map((r) => 'onDestroy' in r && r.onDestroy)).toEqual(['restrict']);
  });
});
