import { Comment } from '../../src/app/resources/comment';
import { Item } from '../../src/app/resources/item';
import { ItemDependency } from '../../src/app/resources/item-dependency';
import { ItemMember } from '../../src/app/resources/item-member';
import { Member } from '../../src/app/resources/member';
import { Milestone } from '../../src/app/resources/milestone';
import { Profile } from '../../src/app/resources/profile';
import { Workspace } from '../../src/app/resources/workspace';
import { buildSchema } from '../../src/graphql/schema';
import { action, defineDomain, defineResource, manage, type ManageType, type ResourceDefinition } from '../../src/resource';
import { createServer } from '../../src/server/create-server';
import { graphqlClient, type TestApp } from '../support/app';
import { openTestDatabase, type TestDatabase } from '../support/database';
import { problemsOf } from '../support/domain-problems';
import { createRecord } from '../support/fixtures';

/**
 * Every preset x every manageable relationship kind x every input shape, through
 * GraphQL. The reference schema's keys decide which combinations a definition may
 * declare (unrelating a required key is refused when the domain is defined); the
 * others run against a parent related to A (and A2 for to-many kinds), with X an
 * existing record that is not related. The resulting related set is compared by
 * name ("new" = a record the mutation created); an error code means nothing changed
 * and no event was written.
 */
type Kind = 'belongsTo' | 'hasOne' | 'hasMany' | 'manyToMany';
type Shape = 'absent' | 'null' | 'empty' | 'one' | 'many';
const PRESETS: ManageType[] = ['create', 'append', 'append_and_remove', 'remove', 'direct_control'];
const SHAPES: Shape[] = ['absent', 'null', 'empty', 'one', 'many'];

/** The argument of each kind: on Item.update (Member.update for hasOne). */
const ARG: Record<Kind, { resource: 'Item' | 'Member'; relationship: string }> = {
  belongsTo: { resource: 'Item', relationship: 'workspace' },
  hasOne: { resource: 'Member', relationship: 'profile' },
  hasMany: { resource: 'Item', relationship: 'comments' },
  manyToMany: { resource: 'Item', relationship: 'members' },
};

type Outcome = string[] | `error:${string}`;
const E = (code: string): Outcome => `error:${code}`;
const REFUSED = 'refused by the definition check';

/** Expected outcome per kind, preset and shape (to-many kinds start with [A, A2], to-one kinds with [A]). */
const EXPECTED: Record<Kind, Record<ManageType, Record<Shape, Outcome> | typeof REFUSED>> = {
  manyToMany: {
    create: { absent: ['A', 'A2'], null: ['A', 'A2'], empty: ['A', 'A2'], one: ['A', 'A2', 'new'], many: ['A', 'A2', 'new', 'new'] },
    append: { absent: ['A', 'A2'], null: ['A', 'A2'], empty: ['A', 'A2'], one: ['A', 'A2', 'X'], many: ['A', 'A2', 'X'] },
    append_and_remove: { absent: ['A', 'A2'], null: [], empty: [], one: ['X'], many: ['A', 'X'] },
    remove: { absent: ['A', 'A2'], null: ['A', 'A2'], empty: ['A', 'A2'], one: ['A2'], many: [] },
    direct_control: { absent: ['A', 'A2'], null: [], empty: [], one: ['new'], many: ['A', 'new'] },
  },
  hasMany: {
    create: { absent: ['A', 'A2'], null: ['A', 'A2'], empty: ['A', 'A2'], one: ['A', 'A2', 'new'], many: ['A', 'A2', 'new', 'new'] },
    append: { absent: ['A', 'A2'], null: ['A', 'A2'], empty: ['A', 'A2'], one: ['A', 'A2', 'X'], many: ['A', 'A2', 'X'] },
    append_and_remove: REFUSED, // unrelating would clear Comment.itemId, which is required
    remove: REFUSED,
    direct_control: { absent: ['A', 'A2'], null: [], empty: [], one: ['new'], many: ['A', 'new'] },
  },
  hasOne: {
    // A member has at most one profile (unique memberId): a second one is a CONFLICT.
    create: { absent: ['A'], null: ['A'], empty: E('INVALID_INPUT'), one: E('CONFLICT'), many: E('INVALID_INPUT') },
    append: { absent: ['A'], null: ['A'], empty: E('INVALID_INPUT'), one: E('CONFLICT'), many: E('INVALID_INPUT') },
    append_and_remove: REFUSED, // unrelating would clear Profile.memberId, which is required
    remove: REFUSED,
    direct_control: { absent: ['A'], null: [], empty: E('INVALID_INPUT'), one: ['new'], many: E('INVALID_INPUT') },
  },
  belongsTo: {
    create: { absent: ['A'], null: ['A'], empty: E('INVALID_INPUT'), one: ['new'], many: E('INVALID_INPUT') },
    append: { absent: ['A'], null: ['A'], empty: E('INVALID_INPUT'), one: ['X'], many: E('INVALID_INPUT') },
    append_and_remove: REFUSED, // unrelating would clear Item.workspaceId, which is required
    remove: REFUSED,
    // Destroying the workspace leaves the item without its required workspace.
    direct_control: { absent: ['A'], null: E('INVALID_INPUT'), empty: E('INVALID_INPUT'), one: ['new'], many: E('INVALID_INPUT') },
  },
};

const KINDS = Object.keys(EXPECTED) as Kind[];

function domainFor(preset: ManageType, kinds: readonly Kind[]) {
  const args = (resource: 'Item' | 'Member') =>
    Object.fromEntries(kinds.filter((k) => ARG[k].resource === resource).map((k) => [ARG[k].relationship, manage(ARG[k].relationship, preset)]));
  const withUpdate = (def: ResourceDefinition, resource: 'Item' | 'Member') =>
    defineResource({ ...def, policies: undefined, invariants: undefined, actions: { create: action.create(), update: action.update({ arguments: args(resource) }), destroy: action.destroy() } });
  return defineDomain([Workspace, withUpdate(Member, 'Member'), Profile, withUpdate(Item, 'Item'), Comment, ItemMember, ItemDependency, Milestone]);
}

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.dispose());

let unique = 0;
const next = () => String(++unique);

describe.each(PRESETS)('preset %s', (preset) => {
  const valid = KINDS.filter((kind) => EXPECTED[kind][preset] !== REFUSED);
  let gql: ReturnType<typeof graphqlClient>;
  beforeAll(() => {
    const domain = domainFor(preset, valid);
    gql = graphqlClient(createServer({ schema: buildSchema(domain), domain, prisma: db.prisma, sql: db.sql, authorize: false, logger: { error: () => {}, info: () => {} } }));
  });

  it('refuses exactly the kinds whose required keys it would clear', () => {
    for (const kind of KINDS) {
      const problems = problemsOf(() => domainFor(preset, [kind])).join('\n');
      if (EXPECTED[kind][preset] === REFUSED) expect(problems).toMatch(/would clear the required key/);
      else expect(problems).toBe('');
    }
  });

  describe.each(valid)('%s', (kind) => {
    it.each(SHAPES)('%s', async (shape) => {
      const app = { gql } as unknown as TestApp;
      const world = await seed(app, kind);
      const expected = (EXPECTED[kind][preset] as Record<Shape, Outcome>)[shape];
      const value = inputFor(kind, preset, shape, world);
      const before = await db.prisma.event.count();
      const startRelated = await related(kind, world.parent);
      const { body } = await gql(
        `mutation($id: ID!, $input: Update${ARG[kind].resource}Input!) { update${ARG[kind].resource}(id: $id, input: $input) { errors { code path } } }`,
        { id: world.parent, input: { ...(value === undefined ? {} : { [ARG[kind].relationship]: value }), ...(ARG[kind].resource === 'Item' ? { title: 'touched' } : { name: 'touched' }) } },
      );
      const payload = body.data?.[`update${ARG[kind].resource}`];
      if (typeof expected === 'string') {
        // Shape errors GraphQL catches itself (a list for a single value) are request errors with a code too.
        const code = body.errors ? body.errors[0]?.extensions?.code : payload?.errors?.[0]?.code;
        expect(code).toBe(expected.slice('error:'.length));
        expect(await db.prisma.event.count()).toBe(before);
        expect(await related(kind, world.parent)).toEqual(startRelated);
        return;
      }
      expect(body.errors).toBeUndefined();
      expect(payload.errors).toEqual([]);
      expect(names(await related(kind, world.parent), world)).toEqual(expected);
      // The parent's event is the root; every other event of the mutation is caused by it.
      const events = await db.prisma.event.findMany({ orderBy: { position: 'asc' }, skip: before });
      const root = events.find((e) => e.recordId === world.parent)!;
      expect(root).toMatchObject({ resource: ARG[kind].resource, causationId: null });
      for (const event of events.filter((e) => e !== root)) expect(event).toMatchObject({ causationId: root.id, correlationId: root.correlationId });
      if (shape === 'absent') expect(events).toHaveLength(1);
    });
  });
});

interface World {
  readonly parent: string;
  readonly byName: Record<string, string>;
}

/** A parent related to A (and A2), plus X, an existing record related to something else. */
async function seed(app: TestApp, kind: Kind): Promise<World> {
  const n = next();
  const workspace = async (name: string) => createRecord(app, 'Workspace', { name });
  const item = async (workspaceId: string) => createRecord(app, 'Item', { title: `item ${n}`, workspaceId });
  const member = async (name: string) => createRecord(app, 'Member', { name, email: `${name}-${n}@example.com` });
  switch (kind) {
    case 'belongsTo': {
      const [A, X] = [await workspace('A'), await workspace('X')];
      return { parent: await item(A), byName: { A, X } };
    }
    case 'hasOne': {
      const parent = await member('parent');
      const A = await createRecord(app, 'Profile', { memberId: parent, bio: 'A' });
      const X = await createRecord(app, 'Profile', { memberId: await member('other'), bio: 'X' });
      return { parent, byName: { A, X } };
    }
    case 'hasMany': {
      const ws = await workspace('w');
      const [parent, other] = [await item(ws), await item(ws)];
      const comment = (itemId: string, body: string) => createRecord(app, 'Comment', { itemId, body });
      return { parent, byName: { A: await comment(parent, 'A'), A2: await comment(parent, 'A2'), X: await comment(other, 'X') } };
    }
    case 'manyToMany': {
      const parent = await item(await workspace('w'));
      const [A, A2, X] = [await member('A'), await member('A2'), await member('X')];
      for (const memberId of [A, A2]) await createRecord(app, 'ItemMember', { itemId: parent, memberId });
      return { parent, byName: { A, A2, X } };
    }
  }
}

/** The argument's value for a shape: by id for the lookup presets, new records for the creating ones. */
function inputFor(kind: Kind, preset: ManageType, shape: Shape, world: World): unknown {
  const toOne = kind === 'belongsTo' || kind === 'hasOne';
  const fresh = (): Record<string, unknown> =>
    kind === 'belongsTo' ? { name: 'new' } : kind === 'hasOne' ? { bio: 'new' } : kind === 'hasMany' ? { body: 'new' } : { name: 'new', email: `new-${next()}@example.com` };
  const byId = (name: string) => ({ id: world.byName[name] });
  const creates = preset === 'create' || preset === 'direct_control';
  switch (shape) {
    case 'absent': return undefined;
    case 'null': return null;
    case 'empty': return [];
    case 'one': {
      const entry = creates ? fresh() : byId(preset === 'remove' ? 'A' : 'X');
      return toOne ? entry : [entry];
    }
    case 'many': {
      if (preset === 'create') return [fresh(), fresh()];
      if (preset === 'direct_control') return [{ ...byId('A'), ...(kind === 'hasMany' ? { body: 'A edited' } : {}) }, fresh()];
      return preset === 'remove' ? [byId('A'), byId('A2')] : [byId('A'), byId('X')];
    }
  }
}

/** Ids of the records related to `parent` now. */
async function related(kind: Kind, parent: string): Promise<string[]> {
  const p = db.prisma;
  switch (kind) {
    case 'belongsTo': return [(await p.item.findUniqueOrThrow({ where: { id: parent } })).workspaceId];
    case 'hasOne': return (await p.profile.findMany({ where: { memberId: parent } })).map((r) => r.id);
    case 'hasMany': return (await p.comment.findMany({ where: { itemId: parent }, orderBy: { id: 'asc' } })).map((r) => r.id);
    case 'manyToMany': return (await p.itemMember.findMany({ where: { itemId: parent }, orderBy: { memberId: 'asc' } })).map((r) => r.memberId);
  }
}

const names = (ids: readonly string[], world: World) => {
  const byId = new Map(Object.entries(world.byName).map(([name, id]) => [id, name]));
  return ids.map((id) => byId.get(id) ?? 'new').sort();
};
