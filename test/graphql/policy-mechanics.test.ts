import { Comment } from '../../src/app/resources/comment';
import { Item } from '../../src/app/resources/item';
import { ItemDependency } from '../../src/app/resources/item-dependency';
import { ItemMember } from '../../src/app/resources/item-member';
import { Member } from '../../src/app/resources/member';
import { Milestone } from '../../src/app/resources/milestone';
import { Profile } from '../../src/app/resources/profile';
import { Workspace } from '../../src/app/resources/workspace';
import { authorizationFor, TRUSTED } from '../../src/engine/authorization';
import { buildSchema } from '../../src/graphql/schema';
import { defineDomain, defineResource, DomainDefinitionError, type PoliciesDefinition } from '../../src/resource';
import { createServer } from '../../src/server/create-server';
import { graphqlClient } from '../support/app';
import { openTestDatabase, type TestDatabase } from '../support/database';
import { signedInAs, testAuthenticator } from '../support/tokens';

/**
 * The policy machinery on domains built for it (the reference app's own rules
 * are in policies.test.ts): a nested step denied by its own resource's policy,
 * a required belongsTo whose record the actor may not read, the decisions of
 * `authorizationFor`, and definition checks.
 */
const ACTOR = '0190a000-0000-7000-8000-000000000001';
let headers: Record<string, string>;

/** Comments are open, except that a comment saying "spam" may not be created; workspaces named "Hidden" are unreadable. */
const SpamFilteredComment = defineResource({
  ...Comment,
  policies: { actions: { create: ({ input }) => input.body !== 'spam', update: () => true, destroy: () => true } },
});
const HiddenWorkspace = defineResource({ ...Workspace, policies: { read: () => ({ name: { not: 'Hidden' } }), actions: { create: () => true } } });
const OpenItem = defineResource({ ...Item, policies: undefined });

let db: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;
beforeAll(async () => {
  db = await openTestDatabase();
  // The actor is a Member: workspaces they create are owned by them (Workspace.create's relateActor).
  const now = new Date();
  await db.prisma.member.create({ data: { id: ACTOR, version: 1, createdAt: now, updatedAt: now, name: 'Actor', email: 'actor@mechanics.test' } });
  headers = await signedInAs(ACTOR);
  const domain = defineDomain([HiddenWorkspace, Member, Profile, OpenItem, SpamFilteredComment, ItemMember, ItemDependency, Milestone]
    .map((r) => (r === ItemMember || r === ItemDependency ? defineResource({ ...r, policies: undefined }) : r)));
  gql = graphqlClient(createServer({ schema: buildSchema(domain), domain, prisma: db.prisma, sql: db.sql, authenticate: testAuthenticator, logger: { error: () => {}, info: () => {} } }));
});
afterAll(() => db.dispose());

const CREATE_ITEM = 'mutation($input: CreateItemInput!) { createItem(input: $input) { result { id } errors { code path message } } }';

it('denies a nested step by its own resource policy: FORBIDDEN at the entry, nothing written', async () => {
  const events = await db.prisma.event.count();
  const { body } = await gql(CREATE_ITEM, {
    input: { title: 'Mixed', workspace: { name: 'Open' }, comments: [{ body: 'fine' }, { body: 'spam' }] },
  }, headers);
  expect(body.data.createItem.result).toBeNull();
  expect(body.data.createItem.errors).toEqual([{ code: 'FORBIDDEN', path: ['comments', '1'], message: `Actor "${ACTOR}" may not run Comment.create.` }]);
  expect(await db.prisma.event.count()).toBe(events);
  expect(await db.prisma.workspace.count({ where: { name: 'Open' } })).toBe(0);
});

it('a required belongsTo whose record the actor may not read is a FORBIDDEN error at that field', async () => {
  const { body: created } = await gql(CREATE_ITEM, { input: { title: 'In hiding', workspace: { name: 'Hidden' } } }, headers);
  const id = created.data.createItem.result.id;
  const { status, body } = await gql('query($id: ID!) { item(id: $id) { title workspace { name } } }', { id }, headers);
  expect(status).toBe(200);
  expect(body.data).toEqual({ item: null });
  expect(body.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([['FORBIDDEN', ['item', 'workspace']]]);
  expect((await gql('query($id: ID!) { item(id: $id) { title } }', { id }, headers)).body.data.item).toEqual({ title: 'In hiding' });
});

describe('authorizationFor', () => {
  const domain = defineDomain([HiddenWorkspace, Member, Profile, OpenItem, Comment, ItemMember, ItemDependency, Milestone]);
  const record = { id: ACTOR, version: 1 };

  it('allows everything on a resource without policies, and denies actions a resource with policies leaves out', () => {
    const authorization = authorizationFor(ACTOR);
    expect(authorization.decide(domain.resource('Item'), { action: 'destroy', input: {}, record, via: null, changing: new Set() })).toBe(true);
    expect(authorization.decide(domain.resource('Workspace'), { action: 'update', input: {}, record, via: null, changing: new Set() })).toBe(false);
    expect(authorization.decide(domain.resource('Workspace'), { action: 'create', input: {}, record: null, via: null, changing: new Set() })).toBe(true);
  });

  it('passes a condition through for a record, and refuses one for a create (a create has no record)', () => {
    const authorization = authorizationFor(ACTOR);
    const comment = domain.resource('Comment');
    expect(authorization.decide(comment, { action: 'update', input: {}, record, via: null, changing: new Set() })).toEqual({ item: { is: expect.any(Object) } });
    const odd = defineDomain([defineResource({ name: 'Note', attributes: {}, policies: { actions: { create: () => ({ id: { equals: ACTOR } }) } } })]);
    expect(() => authorization.decide(odd.resource('Note'), { action: 'create', input: {}, record: null, via: null, changing: new Set() })).toThrow(/return a boolean/);
  });

  it('gives each resource its read filter for the actor (null when every row is readable); TRUSTED none', () => {
    expect(authorizationFor(ACTOR).readWhere(domain.resource('Workspace'))).toEqual({ name: { not: 'Hidden' } });
    expect(authorizationFor(null).readWhere(domain.resource('Comment'))).toEqual({ item: { is: { workspace: { is: { private: { equals: false } } } } } });
    expect(authorizationFor(ACTOR).readWhere(domain.resource('Member'))).toBeNull();
    expect(TRUSTED.readWhere(domain.resource('Comment'))).toBeNull();
    expect(TRUSTED.decide(domain.resource('Workspace'), { action: 'update', input: {}, record, via: null, changing: new Set() })).toBe(true);
  });
});

describe('policy definitions', () => {
  const note = (policies: PoliciesDefinition) => defineDomain([defineResource({ name: 'Note', attributes: {}, policies })]);

  it('refuses a policy for an action the resource does not have, naming it', () => {
    expect(() => note({ actions: { publish: () => true } })).toThrow(DomainDefinitionError);
    expect(() => note({ actions: { publish: () => true } })).toThrow(/Note\.policies\.actions\.publish: Note has no action "publish"/);
  });

  it('refuses, when the server starts, a read filter naming what the resource does not have', () => {
    const domain = defineDomain([
      ...[Member, Profile, OpenItem, Comment, ItemMember, ItemDependency, Milestone],
      defineResource({ ...Workspace, policies: { read: (actor) => (actor ? { keeper: { equals: actor } } : {}), actions: { create: () => true } } }),
    ]);
    expect(() => createServer({ schema: buildSchema(domain), domain, prisma: db.prisma, sql: db.sql })).toThrow(/Workspace\.policies\.read: Cannot compile a condition on Workspace\.keeper/);
  });

  it('refuses a policy or read filter that is not a function', () => {
    expect(() => note({ actions: { create: true as never } })).toThrow(/Note\.policies\.actions\.create: give \(context\)/);
    expect(() => note({ read: {} as never })).toThrow(/Note\.policies\.read: give \(actor\) => condition/);
  });
});
