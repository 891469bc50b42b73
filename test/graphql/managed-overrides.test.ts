import { Comment } from '../../src/app/resources/comment';
import { Item } from '../../src/app/resources/item';
import { ItemDependency } from '../../src/app/resources/item-dependency';
import { ItemMember } from '../../src/app/resources/item-member';
import { Member } from '../../src/app/resources/member';
import { Milestone } from '../../src/app/resources/milestone';
import { Profile } from '../../src/app/resources/profile';
import { Workspace } from '../../src/app/resources/workspace';
import { buildSchema } from '../../src/graphql/schema';
import { action, defineDomain, defineResource, manage } from '../../src/resource';
import { createServer } from '../../src/server/create-server';
import { graphqlClient, type TestApp } from '../support/app';
import { openTestDatabase, type TestDatabase } from '../support/database';
import { createRecord } from '../support/fixtures';

/**
 * Explicit onLookup / onNoMatch / onMatch / onMissing instructions over the
 * presets, through GraphQL, on a domain whose Item actions each declare one
 * override; and a nested create three levels deep (item → member → profile).
 * Every case checks the rows it leaves and the events (one per record touched,
 * caused by the root); every error case checks its code and path, and that
 * nothing was written.
 */
const MEMBER_KEYS = { lookupBy: ['id', 'email'], joinAttributes: ['role'] } as const;

const OverrideItem = defineResource({
  ...Item,
  policies: undefined, // its actions differ from Item's; this suite tests managed arguments, not policies
  invariants: undefined, // Item's name arguments (members, addMembers, ...) these actions do not have
  actions: {
    create: action.create({
      arguments: {
        // Depth 3: the new member's create action takes a nested profile.
        newMembers: manage('members', 'create', { joinAttributes: ['role'] }),
      },
    }),
    update: action.update({
      arguments: {
        relateAndUpdateMembers: manage('members', 'append', { ...MEMBER_KEYS, onLookup: 'relate_and_update' }),
        relateAndUpdateComments: manage('comments', 'append', { onLookup: 'relate_and_update' }),
        relatedMembersOnly: manage('members', 'append', { onLookup: 'error' }),
        updateMembers: manage('members', 'append', { ...MEMBER_KEYS, onMatch: 'update' }),
        newMembersOnly: manage('members', 'append', { onMatch: 'error' }),
        knownMembers: manage('members', 'append', { onNoMatch: 'ignore' }),
        membersByEmail: manage('members', 'append', { lookupBy: ['email'], onNoMatch: 'create' }),
        toggleMembers: manage('members', 'append', { onMatch: 'unrelate' }),
        destroyComments: manage('comments', 'append', { onMatch: 'destroy' }),
        exactMembers: manage('members', 'append', { onMissing: 'error' }),
        replaceComments: manage('comments', 'create', { onMissing: 'destroy' }),
      },
    }),
    destroy: action.destroy(),
  },
});

const UPDATE = `mutation($id: ID!, $input: UpdateItemInput!) {
  updateItem(id: $id, input: $input) { result { id } errors { code message path } }
}`;

let db: TestDatabase;
let app: TestApp;
beforeAll(async () => {
  db = await openTestDatabase();
  const domain = defineDomain([Workspace, Member, Profile, OverrideItem, Comment, ItemMember, ItemDependency, Milestone]);
  const gql = graphqlClient(createServer({ schema: buildSchema(domain), domain, prisma: db.prisma, sql: db.sql, authorize: false, logger: { error: () => {}, info: () => {} } }));
  app = { gql } as unknown as TestApp;
});
afterAll(() => db.dispose());

let unique = 0;
interface World {
  item: string;
  other: string;
  /** A and B are members of the item; X is a member of nothing. */
  member: { A: string; B: string; X: string };
  email: { A: string; B: string; X: string };
  /** Comments: A1 and A2 on the item, X1 on the other item. */
  comment: { A1: string; A2: string; X1: string };
}

async function seed(): Promise<World> {
  const n = ++unique;
  const workspaceId = await createRecord(app, 'Workspace', { name: `w${n}` });
  const [item, other] = [await createRecord(app, 'Item', { title: 'item', workspaceId }), await createRecord(app, 'Item', { title: 'other', workspaceId })];
  const email = { A: `a${n}@example.com`, B: `b${n}@example.com`, X: `x${n}@example.com` };
  const member = {
    A: await createRecord(app, 'Member', { name: 'A', email: email.A }),
    B: await createRecord(app, 'Member', { name: 'B', email: email.B }),
    X: await createRecord(app, 'Member', { name: 'X', email: email.X }),
  };
  await createRecord(app, 'ItemMember', { itemId: item, memberId: member.A, role: 'VIEWER' });
  await createRecord(app, 'ItemMember', { itemId: item, memberId: member.B, role: 'EDITOR' });
  const comment = {
    A1: await createRecord(app, 'Comment', { itemId: item, body: 'A1' }),
    A2: await createRecord(app, 'Comment', { itemId: item, body: 'A2' }),
    X1: await createRecord(app, 'Comment', { itemId: other, body: 'X1' }),
  };
  return { item, other, member, email, comment };
}

/** The item's members (name and role) and comments (body), sorted. */
async function state(itemId: string) {
  const links = await db.prisma.itemMember.findMany({ where: { itemId }, include: { member: true } });
  const comments = await db.prisma.comment.findMany({ where: { itemId } });
  return {
    members: links.map((l) => `${l.member.name}:${l.role}`).sort(),
    comments: comments.map((c) => c.body).sort(),
  };
}

/** Runs updateItem and returns its errors and the events it appended (checking their causation). */
async function update(world: World, input: Record<string, unknown>) {
  const before = await db.prisma.event.count();
  const { body } = await app.gql(UPDATE, { id: world.item, input });
  expect(body.errors).toBeUndefined();
  const events = await db.prisma.event.findMany({ orderBy: { position: 'asc' }, skip: before });
  const root = events.find((e) => e.recordId === world.item);
  for (const event of events.filter((e) => e !== root)) expect(event).toMatchObject({ causationId: root!.id, correlationId: root!.correlationId });
  return { errors: body.data.updateItem.errors as { code: string; path: string[] }[], events: events.map((e) => `${e.resource}.${e.action}`).sort() };
}

/** Expects an error at `path` with nothing written. */
async function expectRefused(world: World, input: Record<string, unknown>, code: string, path: string[]) {
  const [start, events] = [await state(world.item), await db.prisma.event.count()];
  const { errors } = await update(world, input);
  expect(errors).toEqual([expect.objectContaining({ code, path })]);
  expect(await state(world.item)).toEqual(start);
  expect(await db.prisma.event.count()).toBe(events);
}

describe('onLookup', () => {
  it('relate_and_update (manyToMany) relates the record found with the remaining input on the join record; the member itself is not updated (as in Ash)', async () => {
    const w = await seed();
    const { errors, events } = await update(w, { relateAndUpdateMembers: [{ email: w.email.X, role: 'ADMIN' }] });
    expect(errors).toEqual([]);
    expect((await state(w.item)).members).toEqual(['A:VIEWER', 'B:EDITOR', 'X:ADMIN']);
    expect(events).toEqual(['Item.update', 'ItemMember.create']);
    expect(await db.prisma.member.findUniqueOrThrow({ where: { id: w.member.X } })).toMatchObject({ name: 'X', version: 1 });
  });

  it('relate_and_update (manyToMany) takes no destination field: its input holds the lookup keys and the join attributes', async () => {
    const w = await seed();
    const [start, count] = [await state(w.item), await db.prisma.event.count()];
    const { status, body } = await app.gql(UPDATE, { id: w.item, input: { relateAndUpdateMembers: [{ email: w.email.X, name: 'X renamed', role: 'ADMIN' }] } });
    expect(status).toBe(400);
    expect(body.errors![0]!.message).toMatch(/Field "name" is not defined by type "ItemUpdateRelateAndUpdateMembersInput"/);
    expect([await state(w.item), await db.prisma.event.count()]).toEqual([start, count]);
  });

  it('relate_and_update (hasMany) moves the record found to this parent and updates it in one write', async () => {
    const w = await seed();
    const { errors, events } = await update(w, { relateAndUpdateComments: [{ id: w.comment.X1, body: 'X1 moved' }] });
    expect(errors).toEqual([]);
    expect((await state(w.item)).comments).toEqual(['A1', 'A2', 'X1 moved']);
    expect(await state(w.other)).toMatchObject({ comments: [] });
    expect(events).toEqual(['Comment.update', 'Item.update']);
  });

  it('error: a record that exists but is not related is NOT_RELATED at its key', async () => {
    const w = await seed();
    await expectRefused(w, { relatedMembersOnly: [{ id: w.member.A }, { id: w.member.X }] }, 'NOT_RELATED', ['relatedMembersOnly', '1', 'id']);
  });
});

describe('onMatch', () => {
  it('update (manyToMany) updates the related record and its link; unchanged values write nothing', async () => {
    const w = await seed();
    const { errors, events } = await update(w, {
      updateMembers: [{ id: w.member.A, name: 'A renamed', role: 'ADMIN' }, { id: w.member.B, name: 'B', role: 'EDITOR' }],
    });
    expect(errors).toEqual([]);
    expect((await state(w.item)).members).toEqual(['A renamed:ADMIN', 'B:EDITOR']);
    expect(events).toEqual(['Item.update', 'ItemMember.update', 'Member.update']);
  });

  it('error: a record related already is CONFLICT at its key', async () => {
    const w = await seed();
    await expectRefused(w, { newMembersOnly: [{ id: w.member.X }, { id: w.member.B }] }, 'CONFLICT', ['newMembersOnly', '1', 'id']);
  });

  it('unrelate: a record related already is unrelated (its join record destroyed), a new one related', async () => {
    const w = await seed();
    const { errors, events } = await update(w, { toggleMembers: [{ id: w.member.A }, { id: w.member.X }] });
    expect(errors).toEqual([]);
    expect((await state(w.item)).members).toEqual(['B:EDITOR', 'X:VIEWER']);
    expect(events).toEqual(['Item.update', 'ItemMember.create', 'ItemMember.destroy']);
    expect(await db.prisma.member.count({ where: { id: w.member.A } })).toBe(1);
  });

  it('destroy: a record related already is destroyed', async () => {
    const w = await seed();
    const { errors, events } = await update(w, { destroyComments: [{ id: w.comment.A1 }] });
    expect(errors).toEqual([]);
    expect((await state(w.item)).comments).toEqual(['A2']);
    expect(await db.prisma.comment.count({ where: { id: w.comment.A1 } })).toBe(0);
    expect(events).toEqual(['Comment.destroy', 'Item.update']);
  });
});

describe('onNoMatch', () => {
  it('ignore: an entry that finds nothing is skipped, the others are related', async () => {
    const w = await seed();
    const { errors, events } = await update(w, { knownMembers: [{ id: w.member.X }, { id: '00000000-0000-4000-8000-000000000000' }] });
    expect(errors).toEqual([]);
    expect((await state(w.item)).members).toEqual(['A:VIEWER', 'B:EDITOR', 'X:VIEWER']);
    expect(events).toEqual(['Item.update', 'ItemMember.create']);
  });

  it('create with an identity lookup: a known email relates that member, an unknown one creates a member with it', async () => {
    const w = await seed();
    const email = `new${++unique}@example.com`;
    const { errors, events } = await update(w, { membersByEmail: [{ email: w.email.X }, { email, name: 'Newcomer' }] });
    expect(errors).toEqual([]);
    expect((await state(w.item)).members).toEqual(['A:VIEWER', 'B:EDITOR', 'Newcomer:VIEWER', 'X:VIEWER']);
    expect(await db.prisma.member.findUniqueOrThrow({ where: { email } })).toMatchObject({ name: 'Newcomer' });
    expect(events).toEqual(['Item.update', 'ItemMember.create', 'ItemMember.create', 'Member.create']);
  });

  it('create with an identity lookup: a new member without its required name is INVALID_INPUT at the field', async () => {
    const w = await seed();
    await expectRefused(w, { membersByEmail: [{ email: w.email.X }, { email: `nameless${++unique}@example.com` }] }, 'INVALID_INPUT', ['membersByEmail', '1', 'name']);
  });
});

describe('onMissing', () => {
  it('error: leaving out a related record is INVALID_INPUT at the argument', async () => {
    const w = await seed();
    await expectRefused(w, { exactMembers: [{ id: w.member.A }, { id: w.member.X }] }, 'INVALID_INPUT', ['exactMembers']);
  });

  it('error: giving every related record (and more) passes', async () => {
    const w = await seed();
    const { errors } = await update(w, { exactMembers: [{ id: w.member.A }, { id: w.member.B }, { id: w.member.X }] });
    expect(errors).toEqual([]);
    expect((await state(w.item)).members).toEqual(['A:VIEWER', 'B:EDITOR', 'X:VIEWER']);
  });

  it('destroy over the create preset: the new list replaces the old one', async () => {
    const w = await seed();
    const { errors, events } = await update(w, { replaceComments: [{ body: 'fresh' }] });
    expect(errors).toEqual([]);
    expect((await state(w.item)).comments).toEqual(['fresh']);
    expect(events).toEqual(['Comment.create', 'Comment.destroy', 'Comment.destroy', 'Item.update']);
  });
});

describe('nesting three levels deep: item → new member → profile', () => {
  const CREATE = `mutation($input: CreateItemInput!) {
    createItem(input: $input) { result { id memberships { role member { name profile { bio } } } } errors { code message path } }
  }`;

  it('creates the member with its profile and the link, each evented and caused by the item', async () => {
    const workspaceId = await createRecord(app, 'Workspace', { name: 'deep' });
    const before = await db.prisma.event.count();
    const { body } = await app.gql(CREATE, {
      input: { title: 'deep', workspaceId, newMembers: [{ name: 'Deep', email: `deep${++unique}@example.com`, role: 'EDITOR', profile: { bio: 'three levels' } }] },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.createItem.errors).toEqual([]);
    expect(body.data.createItem.result.memberships).toEqual([{ role: 'EDITOR', member: { name: 'Deep', profile: { bio: 'three levels' } } }]);
    const events = await db.prisma.event.findMany({ orderBy: { position: 'asc' }, skip: before });
    const root = events.find((e) => e.resource === 'Item')!;
    expect(events.map((e) => e.resource).sort()).toEqual(['Item', 'ItemMember', 'Member', 'Profile']);
    for (const event of events.filter((e) => e !== root)) expect(event).toMatchObject({ causationId: root.id, correlationId: root.correlationId });
  });

  it('a bad field at the third level is INVALID_INPUT with its full path, and nothing is written', async () => {
    const workspaceId = await createRecord(app, 'Workspace', { name: 'deep bad' });
    const [events, items, members] = [await db.prisma.event.count(), await db.prisma.item.count(), await db.prisma.member.count()];
    const { body } = await app.gql(CREATE, {
      input: { title: 'deep', workspaceId, newMembers: [{ name: 'Ok', email: `ok${++unique}@example.com` }, { name: 'Deep', email: `bad${++unique}@example.com`, profile: { bio: 'x'.repeat(20_000) } }] },
    });
    expect(body.data.createItem.errors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', path: ['newMembers', '1', 'profile', 'bio'] })]);
    expect([await db.prisma.event.count(), await db.prisma.item.count(), await db.prisma.member.count()]).toEqual([events, items, members]);
  });

  it('every error at every depth comes back together: the members\' own fields and their nested profiles', async () => {
    const workspaceId = await createRecord(app, 'Workspace', { name: 'deep errors' });
    const [events, members, profiles] = [await db.prisma.event.count(), await db.prisma.member.count(), await db.prisma.profile.count()];
    const { body } = await app.gql(CREATE, {
      input: {
        title: 'deep', workspaceId,
        newMembers: [
          { name: 'Ok', email: `ok${++unique}@example.com`, profile: { bio: 'x'.repeat(20_000) } },
          { name: 'x'.repeat(201), email: `long${++unique}@example.com`, profile: { bio: 'x'.repeat(20_000) } },
          { name: 'Fine', email: `fine${++unique}@example.com`, profile: { bio: 'fine' } },
        ],
      },
    });
    expect(body.data.createItem.errors.map((e: { code: string; path: string[] }) => `${e.code} ${e.path.join('.')}`)).toEqual([
      'INVALID_INPUT newMembers.0.profile.bio', 'INVALID_INPUT newMembers.1.name', 'INVALID_INPUT newMembers.1.profile.bio',
    ]);
    expect([await db.prisma.event.count(), await db.prisma.member.count(), await db.prisma.profile.count()]).toEqual([events, members, profiles]);
  });

  it('a write the database refuses (a taken email) ends the request: CONFLICT at its path, nothing written', async () => {
    const w = await seed();
    const workspaceId = await createRecord(app, 'Workspace', { name: 'taken' });
    const [events, members] = [await db.prisma.event.count(), await db.prisma.member.count()];
    const { body } = await app.gql(CREATE, {
      input: { title: 'taken', workspaceId, newMembers: [{ name: 'Twin', email: w.email.A }, { name: 'Other', email: `other${++unique}@example.com` }] },
    });
    expect(body.data.createItem.errors).toEqual([expect.objectContaining({ code: 'CONFLICT', path: ['newMembers', '0', 'email'] })]);
    expect([await db.prisma.event.count(), await db.prisma.member.count()]).toEqual([events, members]);
  });
});
