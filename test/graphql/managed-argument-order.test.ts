import { startTestApp, type TestApp } from '../support/app';
import { createItem, createRecord, createWorkspace } from '../support/fixtures';

/**
 * Managed arguments on the same relationship apply in the action's
 * declaration order (Item's update: members, addMembers, removeMembers), each
 * seeing the result of the one before, as in Ash.
 */
const UPDATE = `mutation($id: ID!, $input: UpdateItemInput!) {
  updateItem(id: $id, input: $input) { result { memberships { role member { name } } } errors { code path } }
}`;

let app: TestApp;
const ids: Record<string, string> = {};
beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  ids.workspace = await createWorkspace(app, 'Order');
  ids.ada = await createRecord(app, 'Member', { name: 'Ada', email: 'ada@example.com' });
  ids.bob = await createRecord(app, 'Member', { name: 'Bob', email: 'bob@example.com' });
  ids.cy = await createRecord(app, 'Member', { name: 'Cy', email: 'cy@example.com' });
});
afterAll(() => app.dispose());

/** An item whose members are Ada (ADMIN) and, when `withCy`, Cy (VIEWER). */
const team = (withCy = false) =>
  createItem(app, ids.workspace!, { title: 'Team', members: [{ id: ids.ada, role: 'ADMIN' }, ...(withCy ? [{ id: ids.cy }] : [])] });

/** Runs updateItem; returns its errors, the members as "name:role", and the events it appended ("Resource.action recordId"). */
async function update(item: string, input: Record<string, unknown>) {
  const before = await app.prisma.event.count();
  const { body } = await app.gql(UPDATE, { id: item, input });
  expect(body.errors).toBeUndefined();
  const { result, errors } = body.data.updateItem;
  const events = await app.prisma.event.findMany({ orderBy: { position: 'asc' }, skip: before });
  return {
    errors: errors.map((e: { code: string; path: string[] }) => `${e.code} ${e.path.join('.')}`),
    members: result?.memberships.map((m: { role: string; member: { name: string } }) => `${m.member.name}:${m.role}`),
    events: events.map((e) => ({ what: `${e.resource}.${e.action}`, recordId: e.recordId })),
  };
}

it('addMembers [C] then removeMembers [C]: C is added, then removed (the link created is the one destroyed)', async () => {
  const item = await team();
  const { errors, members, events } = await update(item, { addMembers: [{ id: ids.cy }], removeMembers: [{ id: ids.cy }] });
  expect(errors).toEqual([]);
  expect(members).toEqual(['Ada:ADMIN']);
  expect(events.map((e) => e.what)).toEqual(['Item.update', 'ItemMember.create', 'ItemMember.destroy']);
  expect(events[1]!.recordId).toBe(events[2]!.recordId);
});

it('members then addMembers: the set is replaced, then added to', async () => {
  const item = await team(true);
  const { errors, members } = await update(item, { members: [{ id: ids.ada, role: 'ADMIN' }], addMembers: [{ id: ids.bob, role: 'EDITOR' }] });
  expect(errors).toEqual([]);
  expect(members).toEqual(['Ada:ADMIN', 'Bob:EDITOR']);
});

it('members then removeMembers: a member the set adds can be removed in the same request', async () => {
  const item = await team();
  const { errors, members } = await update(item, { members: [{ id: ids.ada, role: 'ADMIN' }, { id: ids.bob }], removeMembers: [{ id: ids.bob }] });
  expect(errors).toEqual([]);
  expect(members).toEqual(['Ada:ADMIN']);
});

it('addMembers after members: a member the set kept is related already, so append leaves its role as the set made it', async () => {
  const item = await team(true);
  const { errors, members } = await update(item, { members: [{ id: ids.ada, role: 'ADMIN' }, { id: ids.cy, role: 'EDITOR' }], addMembers: [{ id: ids.cy, role: 'VIEWER' }] });
  expect(errors).toEqual([]);
  expect(members).toEqual(['Ada:ADMIN', 'Cy:EDITOR']);
});

it('removeMembers after members: a member the set left out is no longer related (NOT_RELATED), and nothing is written', async () => {
  const item = await team(true);
  const before = await app.prisma.event.count();
  const { errors } = await update(item, { members: [{ id: ids.ada, role: 'ADMIN' }], removeMembers: [{ id: ids.cy }] });
  expect(errors).toEqual(['NOT_RELATED removeMembers.0.id']);
  expect(await app.prisma.event.count()).toBe(before);
  expect((await app.prisma.itemMember.findMany({ where: { itemId: item } })).map((l) => l.memberId).sort()).toEqual([ids.ada, ids.cy].sort());
});
