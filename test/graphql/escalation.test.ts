import { startTestApp, type TestApp } from '../support/app';
import { asService, signedInAs } from '../support/tokens';

/**
 * The reference app's rules that stop escalations, through GraphQL over HTTP:
 * workspaces belong to their owner (relateActor + an owner-only policy), who
 * changes an item's members is an ADMIN (`changes` policies), an item with
 * members keeps an ADMIN (an invariant), and a hidden record costs and says
 * exactly what a missing one does. Every refusal checks its code and path
 * and that nothing was written.
 */
let app: TestApp;
const ids: Record<string, string> = {};
const MISSING = '0190a6f0-0000-7000-8000-0000000000aa';

type Who = string | null | { service: string };
const headersOf = async (who: Who) =>
  who !== null && typeof who === 'object' ? asService(who.service) : signedInAs(who === null ? null : ids[who] ?? who);

async function gql(who: Who, query: string, variables?: Record<string, unknown>) {
  const { status, body } = await app.gql(query, variables, await headersOf(who));
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return body.data;
}

async function mutate(who: Who, query: string, variables?: Record<string, unknown>) {
  const payload = Object.values(await gql(who, query, variables))[0] as { result: any; errors: unknown[] };
  expect(payload.errors).toEqual([]);
  return payload.result;
}

/** The errors of a refused mutation ({ code, path, message }), after checking that it wrote nothing. */
async function refused(who: Who, query: string, variables?: Record<string, unknown>) {
  const before = await app.counts();
  const payload = Object.values(await gql(who, query, variables))[0] as { result: unknown; errors: { code: string; path: string[]; message: string }[] };
  expect(payload.result).toBeNull();
  expect(await app.counts()).toEqual(before);
  return payload.errors;
}
const codes = (errors: { code: string; path: string[] }[]) => errors.map(({ code, path }) => ({ code, path }));

const CREATE_MEMBER = 'mutation($input: CreateMemberInput!) { createMember(input: $input) { result { id } errors { code path message } } }';
const CREATE_WORKSPACE = 'mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { result { id owner { id } } errors { code path message } } }';
const UPDATE_WORKSPACE = 'mutation($id: ID!, $input: UpdateWorkspaceInput!) { updateWorkspace(id: $id, input: $input) { result { id name private owner { id } } errors { code path message } } }';
const DESTROY_WORKSPACE = 'mutation($id: ID!) { destroyWorkspace(id: $id) { result { id } errors { code path message } } }';
const CREATE_ITEM = 'mutation($input: CreateItemInput!) { createItem(input: $input) { result { id workspace { id owner { id } } } errors { code path message } } }';
const UPDATE_ITEM = `mutation($id: ID!, $input: UpdateItemInput!) {
  updateItem(id: $id, input: $input) { result { id title workspace { id } comments { body } memberships { role member { id } } } errors { code path message } }
}`;
const DESTROY_ITEM = 'mutation($id: ID!) { destroyItem(id: $id) { result { id } errors { code path message } } }';
const ADD_RELATION = 'mutation($id: ID!, $input: AddItemRelationInput!) { addItemRelation(id: $id, input: $input) { result { id } errors { code path message } } }';

beforeAll(async () => {
  app = await startTestApp();
  for (const name of ['alice', 'bob', 'carol', 'dave', 'mallory']) {
    ids[name] = (await mutate(null, CREATE_MEMBER, { input: { name, email: `${name}@escalation.test` } })).id;
  }
  ids.town = (await mutate('alice', CREATE_WORKSPACE, { input: { name: 'Town square' } })).id;
  ids.other = (await mutate('alice', CREATE_WORKSPACE, { input: { name: 'Elsewhere' } })).id;
}, 60_000);
afterAll(() => app.dispose());

/** An item in the town square with Alice (ADMIN), Bob (EDITOR) and Carol (VIEWER). */
async function teamItem(title: string): Promise<string> {
  return (await mutate('alice', CREATE_ITEM, {
    input: { title, workspaceId: ids.town, members: [{ id: ids.alice, role: 'ADMIN' }, { id: ids.bob, role: 'EDITOR' }, { id: ids.carol, role: 'VIEWER' }] },
  })).id;
}
const roles = (item: any) => item.memberships.map((m: any) => [m.member.id, m.role]);

describe('a workspace belongs to its owner', () => {
  it('the creator becomes the owner (relateActor), and the key is in the event payload, so replay reproduces it', async () => {
    const created = await mutate('alice', CREATE_WORKSPACE, { input: { name: 'Mine' } });
    expect(created.owner).toEqual({ id: ids.alice });
    const event = await app.prisma.event.findFirstOrThrow({ where: { recordId: created.id } });
    expect(event.payload).toMatchObject({ ownerId: ids.alice });
    expect(event.actor).toBe(ids.alice);
  });

  it('also for a workspace created inside createItem(input: { workspace: {...} })', async () => {
    const item = await mutate('bob', CREATE_ITEM, { input: { title: 'Starter', workspace: { name: 'Bob’s' } } });
    expect(item.workspace.owner).toEqual({ id: ids.bob });
  });

  it('a person may name only themself as the owner: FORBIDDEN at ownerId, at the root and nested', async () => {
    const root = await refused('bob', CREATE_WORKSPACE, { input: { name: 'Framed', ownerId: ids.alice } });
    expect(root).toEqual([{ code: 'FORBIDDEN', path: ['ownerId'], message: `Actor "${ids.bob}" may not change Workspace.ownerId.` }]);
    expect(codes(await refused('bob', CREATE_ITEM, { input: { title: 'Framed', workspace: { name: 'Framed', ownerId: ids.alice } } })))
      .toEqual([{ code: 'FORBIDDEN', path: ['workspace', 'ownerId'] }]);
    expect(codes(await refused('bob', CREATE_WORKSPACE, { input: { name: 'Nobody’s', ownerId: null } }))).toEqual([{ code: 'FORBIDDEN', path: ['ownerId'] }]);
    expect((await mutate('bob', CREATE_WORKSPACE, { input: { name: 'Self-named', ownerId: ids.bob } })).owner).toEqual({ id: ids.bob });
  });

  it('a signed-in id that is no Member cannot be made the owner: NOT_FOUND at ownerId, saying why', async () => {
    const errors = await refused(MISSING, CREATE_WORKSPACE, { input: { name: 'Ghost town' } });
    expect(errors).toEqual([{
      code: 'NOT_FOUND', path: ['ownerId'],
      message: `Workspace.owner is set to the acting person, but "${MISSING}" is not a Member; sign in as a Member or give ownerId.`,
    }]);
  });

  it('a service creates workspaces with no owner unless it names one; its events are written as service:<name>', async () => {
    const unowned = await mutate({ service: 'importer' }, CREATE_WORKSPACE, { input: { name: 'Imported' } });
    expect(unowned.owner).toBeNull();
    const named = await mutate({ service: 'importer' }, CREATE_WORKSPACE, { input: { name: 'Imported for Carol', ownerId: ids.carol } });
    expect(named.owner).toEqual({ id: ids.carol });
    const event = await app.prisma.event.findFirstOrThrow({ where: { recordId: unowned.id } });
    expect(event.actor).toBe('service:importer');
    expect(event.payload).toMatchObject({ ownerId: null });
    // Only services change an owner-less workspace.
    expect(codes(await refused('carol', UPDATE_WORKSPACE, { id: unowned.id, input: { name: 'Taken' } }))).toEqual([{ code: 'FORBIDDEN', path: ['id'] }]);
    expect((await mutate({ service: 'importer' }, UPDATE_WORKSPACE, { id: unowned.id, input: { name: 'Renamed by the importer' } })).name).toBe('Renamed by the importer');
  });

  it('a brand-new account ADMIN of one item of a public workspace may not rename it, make it private or destroy it', async () => {
    // The escalation: Mallory adds an item to Alice's public workspace, as its ADMIN (allowed) ...
    const item = await mutate('mallory', CREATE_ITEM, { input: { title: 'Foothold', workspaceId: ids.town, members: [{ id: ids.mallory, role: 'ADMIN' }] } });
    expect(item.workspace.id).toBe(ids.town);
    // ... and cannot change the workspace through it.
    for (const input of [{ name: 'Mallory’s now' }, { private: true }, { ownerId: ids.mallory }]) {
      const errors = await refused('mallory', UPDATE_WORKSPACE, { id: ids.town, input });
      expect(errors).toEqual([{ code: 'FORBIDDEN', path: ['id'], message: `Actor "${ids.mallory}" may not run Workspace.update on Workspace "${ids.town}".` }]);
    }
    expect(codes(await refused('mallory', DESTROY_WORKSPACE, { id: ids.town }))).toEqual([{ code: 'FORBIDDEN', path: ['id'] }]);
  });

  it('the owner renames it, makes it private, hands it over and destroys it', async () => {
    const id = (await mutate('alice', CREATE_WORKSPACE, { input: { name: 'Draft' } })).id;
    const renamed = await mutate('alice', UPDATE_WORKSPACE, { id, input: { name: 'Final', private: true } });
    expect(renamed).toMatchObject({ name: 'Final', private: true, owner: { id: ids.alice } });
    // Handing it over (updating ownerId) is the owner's to do; afterwards the new owner alone changes it.
    await mutate('alice', UPDATE_WORKSPACE, { id, input: { ownerId: ids.dave } });
    expect(codes(await refused('alice', UPDATE_WORKSPACE, { id, input: { name: 'Mine again' } }))).toEqual([{ code: 'NOT_FOUND', path: ['id'] }]);
    await mutate('dave', DESTROY_WORKSPACE, { id });
    expect(await app.prisma.workspace.count({ where: { id } })).toBe(0);
  });

  it('the owner reads their private workspace with no items; others do not', async () => {
    const id = (await mutate('carol', CREATE_WORKSPACE, { input: { name: 'Diary', private: true } })).id;
    const read = 'query($id: ID!) { workspace(id: $id) { name } }';
    expect((await gql('carol', read, { id })).workspace).toEqual({ name: 'Diary' });
    expect((await gql('dave', read, { id })).workspace).toBeNull();
    expect((await gql(null, read, { id })).workspace).toBeNull();
  });
});

describe('changing who the members of an item are needs ADMIN', () => {
  it('an EDITOR may not promote themself and drop the ADMIN (the attack exactly): FORBIDDEN at members', async () => {
    const id = await teamItem('Coup');
    const errors = await refused('bob', UPDATE_ITEM, { id, input: { members: [{ id: ids.carol, role: 'VIEWER' }, { id: ids.bob, role: 'ADMIN' }] } });
    expect(errors).toEqual([{ code: 'FORBIDDEN', path: ['members'], message: `Actor "${ids.bob}" may not change Item.members on Item "${id}".` }]);
  });

  it.each([
    ['addMembers', { addMembers: [{ id: 'dave', role: 'ADMIN' }] }],
    ['removeMembers', { removeMembers: [{ email: 'alice@escalation.test' }] }],
    ['workspaceId', { workspaceId: 'other' }],
    ['members, even unchanged', { members: 'same' }],
  ])('nor change %s', async (_, raw) => {
    const id = await teamItem('Guarded');
    const input = JSON.parse(JSON.stringify(raw).replace('"other"', JSON.stringify(ids.other)).replace('"dave"', JSON.stringify(ids.dave)));
    if (input.members === 'same') input.members = [{ id: ids.alice, role: 'ADMIN' }, { id: ids.bob, role: 'EDITOR' }, { id: ids.carol, role: 'VIEWER' }];
    const field = Object.keys(input)[0]!;
    expect(codes(await refused('bob', UPDATE_ITEM, { id, input }))).toEqual([{ code: 'FORBIDDEN', path: [field] }]);
    // A VIEWER is refused by the action's own policy first.
    expect(codes(await refused('carol', UPDATE_ITEM, { id, input }))).toEqual([{ code: 'FORBIDDEN', path: ['id'] }]);
  });

  it('an EDITOR changes the title and the comments (and may send the workspaceId it already has)', async () => {
    const id = await teamItem('Editable');
    const updated = await mutate('bob', UPDATE_ITEM, { id, input: { title: 'Edited', comments: [{ body: 'Noted' }], workspaceId: ids.town } });
    expect(updated).toMatchObject({ title: 'Edited', comments: [{ body: 'Noted' }], workspace: { id: ids.town } });
  });

  it('an ADMIN changes the members, adds, removes, promotes and moves the item', async () => {
    const id = await teamItem('Administered');
    let item = await mutate('alice', UPDATE_ITEM, { id, input: { members: [{ id: ids.alice, role: 'ADMIN' }, { id: ids.bob, role: 'ADMIN' }] } });
    expect(roles(item)).toEqual([[ids.alice, 'ADMIN'], [ids.bob, 'ADMIN']]);
    item = await mutate('alice', UPDATE_ITEM, { id, input: { addMembers: [{ id: ids.dave, role: 'EDITOR' }], workspaceId: ids.other } });
    expect(item.workspace).toEqual({ id: ids.other });
    item = await mutate('bob', UPDATE_ITEM, { id, input: { removeMembers: [{ id: ids.alice }] } });
    expect(roles(item)).toEqual([[ids.bob, 'ADMIN'], [ids.dave, 'EDITOR']]);
  });

  it('only an ADMIN destroys an item that has members', async () => {
    const id = await teamItem('Doomed');
    expect(codes(await refused('bob', DESTROY_ITEM, { id }))).toEqual([{ code: 'FORBIDDEN', path: ['id'] }]);
    // Alice may, and the memberships go with the item (onDestroy cascade on the join records).
    expect((await mutate('alice', DESTROY_ITEM, { id })).id).toBe(id);
  });
});

describe('an item with members keeps an ADMIN (an invariant)', () => {
  it('removing or demoting the last ADMIN is INVALID_INPUT at the field, even for the ADMIN', async () => {
    const id = await teamItem('Last admin');
    const message = 'An item with members needs at least one ADMIN among them: give one member the role ADMIN (or remove every member).';
    expect(await refused('alice', UPDATE_ITEM, { id, input: { removeMembers: [{ id: ids.alice }] } })).toEqual([{ code: 'INVALID_INPUT', path: ['removeMembers'], message }]);
    expect(codes(await refused('alice', UPDATE_ITEM, { id, input: { members: [{ id: ids.alice, role: 'EDITOR' }, { id: ids.bob, role: 'EDITOR' }] } })))
      .toEqual([{ code: 'INVALID_INPUT', path: ['members'] }]);
    // Removing every member is allowed (the item is then open to every signed-in actor, as a new one is).
    expect(roles(await mutate('alice', UPDATE_ITEM, { id, input: { members: [] } }))).toEqual([]);
  });

  it('creating an item with members but no ADMIN is INVALID_INPUT at members', async () => {
    expect(codes(await refused('alice', CREATE_ITEM, { input: { title: 'Leaderless', workspaceId: ids.town, members: [{ id: ids.alice, role: 'EDITOR' }] } })))
      .toEqual([{ code: 'INVALID_INPUT', path: ['members'] }]);
  });

  it('binds services too (data integrity, not authorization)', async () => {
    const id = await teamItem('Serviced');
    expect(codes(await refused({ service: 'janitor' }, UPDATE_ITEM, { id, input: { removeMembers: [{ id: ids.alice }] } })))
      .toEqual([{ code: 'INVALID_INPUT', path: ['removeMembers'] }]);
  });
});

describe('a hidden record is indistinguishable from a missing one', () => {
  let secret: string;
  let open: string;
  beforeAll(async () => {
    secret = (await mutate('alice', CREATE_ITEM, {
      input: { title: 'Secret', workspace: { name: 'Vault', private: true }, members: [{ id: ids.alice, role: 'ADMIN' }] },
    })).id;
    open = (await mutate('dave', CREATE_ITEM, { input: { title: 'Open', workspaceId: ids.town } })).id;
    // Alice (who reads both) relates the open item to the secret one.
    await mutate('alice', ADD_RELATION, { id: open, input: { relationType: 'ITEM', relationId: secret } });
  });

  it('relating a hidden record that is already related is NOT_FOUND with the text of a missing one (not CONFLICT)', async () => {
    const hidden = await refused('dave', ADD_RELATION, { id: open, input: { relationType: 'ITEM', relationId: secret } });
    const missing = await refused('dave', ADD_RELATION, { id: open, input: { relationType: 'ITEM', relationId: MISSING } });
    expect(codes(hidden)).toEqual([{ code: 'NOT_FOUND', path: ['relationId'] }]);
    expect(hidden[0]!.message.replace(secret, '<id>')).toBe(missing[0]!.message.replace(MISSING, '<id>'));
    expect(codes(missing)).toEqual(codes(hidden));
    // Alice, who reads it, gets the CONFLICT.
    expect(codes(await refused('alice', ADD_RELATION, { id: open, input: { relationType: 'ITEM', relationId: secret } }))).toEqual([{ code: 'CONFLICT', path: ['relationId'] }]);
  });

  it.each([
    ['updateItem', UPDATE_ITEM, { input: { title: 'Mine' } }],
    ['destroyItem', DESTROY_ITEM, {}],
    ['addItemRelation', ADD_RELATION, { input: { relationType: 'MILESTONE', relationId: MISSING } }],
  ])('%s on a hidden id and on a missing one runs the same statements: the head lock, the fold and the readability count', async (_, query, variables) => {
    const headers = await signedInAs(ids.dave!);
    const statements = async (id: string) => {
      app.resetQueries();
      const { body } = await app.gql(query, { id, ...variables }, headers);
      const sent = [...app.queries];
      const payload = Object.values(body.data)[0] as { result: unknown; errors: { code: string; path: string[]; message: string }[] };
      expect(payload.result).toBeNull();
      return { errors: payload.errors.map((e) => ({ ...e, message: e.message.replace(id, '<id>') })), sent };
    };
    const events = await app.prisma.event.count();
    const hidden = await statements(secret);
    const missing = await statements(MISSING);
    expect(await app.prisma.event.count()).toBe(events);
    expect(hidden.errors).toEqual([{ code: 'NOT_FOUND', path: ['id'], message: 'No Item with id "<id>".' }]);
    expect(missing.errors).toEqual(hidden.errors);
    expect(missing.sent).toEqual(hidden.sent);
    // In the transaction, and nothing else: the stream head's lock (no expectedVersion: the writer waits its turn;
    // it finds a row for the hidden id and none for the missing one, with the same statement), then the fold and the readability check in one statement.
    const data = hidden.sent.filter((sql) => !/^\s*(BEGIN|COMMIT|ROLLBACK|--)/i.test(sql));
    expect(data).toHaveLength(2);
    expect(data[0]).toMatch(/FROM "StreamHead".*FOR UPDATE/s);
    expect(data[1]).toMatch(/"Snapshot"[\s\S]*SELECT t1."id" FROM "Item"/);
  });
});
