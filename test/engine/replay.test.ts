import { insertOrder, parentsFirst } from '../../src/engine/replay-order';
import { replay, type ReplayProgress } from '../../src/engine/replay';
import type { RecordState } from '../../src/engine/record';
import { verifyLog } from '../../src/events/verify';
import { defineDomain, defineResource, relationship } from '../../src/resource';
import { startTestApp, type TestApp } from '../support/app';
import { expectSameTables, snapshotTables, type TableSnapshot } from '../support/compare-tables';
import { mulberry32 } from '../support/fuzz/random';

/**
 * Replay rebuilds every materialized table from the log: a long seeded-random
 * run of mutations through GraphQL (successes and failures), then every table
 * is compared row by row before and after replay, twice (idempotent), and
 * after more writes on the rebuilt tables.
 */
jest.setTimeout(240_000);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ authorize: false });
});
afterAll(() => app.dispose());

// ---- tables ----------------------------------------------------------------

const allTables = () => snapshotTables(app.db, app.domain);

const eventCount = async () => Number((await app.db.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM "Event"', []))[0]!.n);

// ---- the random workload -----------------------------------------------------

const ERRORS = 'errors { code message path }';
const M = {
  createWorkspace: `mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { result { id } ${ERRORS} } }`,
  destroyWorkspace: `mutation($id: ID!) { destroyWorkspace(id: $id) { result { id } ${ERRORS} } }`,
  createMember: `mutation($input: CreateMemberInput!) { createMember(input: $input) { result { id email } ${ERRORS} } }`,
  updateMember: `mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { result { id } ${ERRORS} } }`,
  createMilestone: `mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { result { id } ${ERRORS} } }`,
  updateMilestone: `mutation($id: ID!, $input: UpdateMilestoneInput!) { updateMilestone(id: $id, input: $input) { result { id } ${ERRORS} } }`,
  createItem: `mutation($input: CreateItemInput!) { createItem(input: $input) { result { id workspaceId } ${ERRORS} } }`,
  updateItem: `mutation($id: ID!, $input: UpdateItemInput!, $expectedVersion: Int) {
    updateItem(id: $id, input: $input, expectedVersion: $expectedVersion) { result { id } ${ERRORS} } }`,
  destroyItem: `mutation($id: ID!) { destroyItem(id: $id) { result { id } ${ERRORS} } }`,
  addItemRelation: `mutation($id: ID!, $input: AddItemRelationInput!) { addItemRelation(id: $id, input: $input) { result { id } ${ERRORS} } }`,
  removeItemRelation: `mutation($id: ID!, $input: RemoveItemRelationInput!) { removeItemRelation(id: $id, input: $input) { result { id } ${ERRORS} } }`,
  createComment: `mutation($input: CreateCommentInput!) { createComment(input: $input) { result { id } ${ERRORS} } }`,
  destroyComment: `mutation($id: ID!) { destroyComment(id: $id) { result { id } ${ERRORS} } }`,
};
const ITEM_STATE = `query($id: ID!) { item(id: $id) { id version comments { id body } memberships { role member { id } }
  dependencies { id } relations { __typename ... on Item { id } ... on Milestone { id } } } }`;

interface ItemView {
  version: number;
  comments: { id: string; body: string }[];
  memberships: { role: string; member: { id: string } }[];
  dependencies: { id: string }[];
  relations: { __typename: string; id: string }[];
}

interface Outcome {
  ok: boolean;
  codes: string[];
}

/**
 * Runs `count` random mutations from `seed` and returns how many succeeded (in
 * all and by mutation) and failed (by error code). Every mutation is checked: no request-level error,
 * a success appends events, a failure appends none.
 */
async function randomWorkload(seed: number, count: number): Promise<{ ok: number; okByMutation: Record<string, number>; failed: Record<string, number> }> {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const chance = (p: number) => random() < p;
  const pick = <T>(list: readonly T[]): T | undefined => (list.length === 0 ? undefined : list[int(list.length)]);
  const subset = <T>(list: readonly T[], max: number): T[] => [...list].sort(() => random() - 0.5).slice(0, int(max + 1));
  const ROLES = ['VIEWER', 'EDITOR', 'ADMIN'];
  /** A well-formed id of no record. */
  const unknownId = () => `0190a6f0-0000-7000-8000-${String(int(1e12)).padStart(12, '0')}`;

  const workspaces: string[] = [];
  const members: { id: string; email: string }[] = [];
  const milestones: string[] = [];
  const items: string[] = [];
  const stats = { ok: 0, okByMutation: {} as Record<string, number>, failed: {} as Record<string, number> };

  async function run(name: keyof typeof M, variables: Record<string, unknown>): Promise<{ outcome: Outcome; result: any }> {
    const before = await eventCount();
    const { status, body } = await app.gql(M[name], variables);
    expect({ name, status, errors: body.errors }).toEqual({ name, status: 200, errors: undefined });
    const payload = body.data[name];
    const after = await eventCount();
    const outcome = { ok: payload.errors.length === 0, codes: payload.errors.map((e: { code: string }) => e.code) };
    if (outcome.ok) {
      stats.ok += 1;
      stats.okByMutation[name] = (stats.okByMutation[name] ?? 0) + 1;
      expect({ name, appended: after > before }).toEqual({ name, appended: true });
    } else {
      for (const code of outcome.codes) stats.failed[code] = (stats.failed[code] ?? 0) + 1;
      expect({ name, variables, appended: after - before }).toEqual({ name, variables, appended: 0 });
    }
    return { outcome, result: payload.result };
  }

  async function itemView(id: string): Promise<ItemView> {
    const { body } = await app.gql(ITEM_STATE, { id });
    return body.data.item;
  }

  const steps: [number, () => Promise<void>][] = [
    [3, async () => {
      const { outcome, result } = await run('createWorkspace', { input: { name: `W${int(1000)}`, private: chance(0.3) } });
      if (outcome.ok) workspaces.push(result.id);
    }],
    [4, async () => {
      // A taken email now and then: CONFLICT.
      const email = chance(0.15) && members.length > 0 ? pick(members)!.email : `m${int(1e9)}@replay.test`;
      const input = { name: `Member ${int(100)}`, email, priorityThreshold: int(5), ...(chance(0.5) ? { profile: { bio: `bio ${int(100)}` } } : {}) };
      const { outcome, result } = await run('createMember', { input });
      if (outcome.ok) members.push(result);
    }],
    [1, async () => {
      const member = pick(members);
      if (member) await run('updateMember', { id: member.id, input: { name: `Renamed ${int(100)}`, priorityThreshold: int(5) } });
    }],
    [2, async () => {
      const { outcome, result } = await run('createMilestone', { input: { name: `MS${int(100)}`, dueAt: chance(0.5) ? new Date(Date.UTC(2027, int(12), 1 + int(28))).toISOString() : null } });
      if (outcome.ok) milestones.push(result.id);
    }],
    [1, async () => {
      const milestone = pick(milestones);
      if (milestone) await run('updateMilestone', { id: milestone, input: { dueAt: chance(0.3) ? null : new Date(Date.UTC(2028, int(12), 1)).toISOString() } });
    }],
    [8, async () => {
      const input: Record<string, unknown> = { title: `Item ${int(1000)}`, priority: int(6), ...(chance(0.3) ? { status: 'DONE' } : {}) };
      if (workspaces.length === 0 || chance(0.15)) input.workspace = { name: `Inline ${int(100)}` };
      else input.workspaceId = chance(0.05) ? unknownId() : pick(workspaces);
      if (chance(0.6)) input.comments = Array.from({ length: 1 + int(3) }, (_, i) => ({ body: `c${i} ${int(100)}` }));
      if (chance(0.5)) input.members = subset(members, 3).map((m) => (chance(0.5) ? { id: m.id, role: pick(ROLES) } : { email: m.email }));
      const { outcome, result } = await run('createItem', { input });
      if (!outcome.ok) return;
      items.push(result.id);
      if (!workspaces.includes(result.workspaceId)) workspaces.push(result.workspaceId);
    }],
    [14, async () => {
      const id = pick(items);
      if (!id) return;
      const view = await itemView(id);
      const input: Record<string, unknown> = {};
      if (chance(0.5)) input.title = chance(0.08) ? 'x'.repeat(501) : `Title ${int(1000)}`; // too long: INVALID_INPUT
      if (chance(0.4)) input.priority = int(6);
      if (chance(0.2)) input.status = pick(['OPEN', 'DONE']);
      if (chance(0.3)) input.members = subset(members, 3).map((m) => ({ id: m.id, role: pick(ROLES) }));
      if (chance(0.3)) {
        const kept = subset(view.comments, view.comments.length).map((c) => (chance(0.5) ? { id: c.id, body: `${c.body}!` } : { id: c.id }));
        input.comments = [...kept, ...Array.from({ length: int(2) }, () => ({ body: `new ${int(100)}` }))];
      }
      if (chance(0.25)) input.dependencies = subset(items.filter((other) => other !== id), 2);
      const expectedVersion = chance(0.1) ? view.version - 1 : chance(0.1) ? view.version : undefined; // stale: STALE_RECORD
      await run('updateItem', { id, input, ...(expectedVersion !== undefined ? { expectedVersion } : {}) });
    }],
    [5, async () => {
      const id = pick(items);
      if (!id) return;
      const view = await itemView(id);
      const related = pick(view.relations);
      const roll = random();
      const input =
        roll < 0.1 ? { relationType: 'ITEM', relationId: id } // itself: INVALID_INPUT
        : roll < 0.2 ? { relationType: 'MILESTONE', relationId: unknownId() } // NOT_FOUND
        : roll < 0.3 && related ? { relationType: related.__typename.toUpperCase(), relationId: related.id } // CONFLICT
        : chance(0.5) && milestones.length > 0 ? { relationType: 'MILESTONE', relationId: pick(milestones) }
        : { relationType: 'ITEM', relationId: pick(items.filter((other) => other !== id)) ?? unknownId() };
      await run('addItemRelation', { id, input });
    }],
    [2, async () => {
      const id = pick(items);
      if (!id) return;
      const related = pick((await itemView(id)).relations);
      await run('removeItemRelation', { id, input: { relationId: related && chance(0.8) ? related.id : unknownId() } }); // NOT_RELATED
    }],
    [2, async () => {
      const id = pick(items);
      if (id) await run('createComment', { input: { itemId: id, body: `direct ${int(100)}` } });
    }],
    [2, async () => {
      const id = pick(items);
      const comment = id ? pick((await itemView(id)).comments) : undefined;
      if (comment) await run('destroyComment', { id: comment.id });
    }],
    [3, async () => {
      // Clear an item's children first half the time, then destroy it (its comments, memberships and dependency links cascade).
      const id = pick(items);
      if (!id) return;
      if (chance(0.5)) await run('updateItem', { id, input: { comments: [], members: [], dependencies: [] } });
      const { outcome } = await run('destroyItem', { id });
      if (outcome.ok) items.splice(items.indexOf(id), 1);
    }],
    [1, async () => {
      // Empty it first half the time (each item's destroy cascades), then destroy it (CONFLICT while it has items).
      const id = pick(workspaces);
      if (id && chance(0.5)) {
        const { body } = await app.gql('query($id: ID!) { workspace(id: $id) { items { id } } }', { id });
        for (const { id: item } of body.data.workspace?.items ?? []) {
          if ((await run('destroyItem', { id: item })).outcome.ok) items.splice(items.indexOf(item), 1);
        }
      }
      const { outcome } = id ? await run('destroyWorkspace', { id }) : { outcome: { ok: false } };
      if (outcome.ok) workspaces.splice(workspaces.indexOf(id!), 1);
    }],
  ];
  const totalWeight = steps.reduce((n, [w]) => n + w, 0);
  for (let i = 0; i < count; i++) {
    let roll = int(totalWeight);
    const step = steps.find(([weight]) => (roll -= weight) < 0)!;
    await step[1]();
  }
  return stats;
}

// ---- tests -------------------------------------------------------------------

describe('replay', () => {
  let live: TableSnapshot;

  it('rebuilds every table exactly as the writes materialized it, after a seeded-random run of mutations', async () => {
    const stats = await randomWorkload(20261121, 400);
    // The run must be a real mix: mostly successes, every mutation succeeding at least once, and failures of several kinds.
    expect(stats.ok).toBeGreaterThan(200);
    expect(Object.keys(stats.okByMutation).sort()).toEqual(Object.keys(M).sort());
    expect(Object.keys(stats.failed).length).toBeGreaterThanOrEqual(4);

    // A record past snapshotEvery versions twice, so the live path wrote snapshots for replay to match.
    const every = app.domain.resource('Item').events.snapshotEvery;
    const { body } = await app.gql(M.createItem, { input: { title: 'Hot', workspace: { name: 'Hot' } } });
    const hot = body.data.createItem.result.id;
    for (let v = 2; v <= 2 * every + 5; v++) await app.gql(M.updateItem, { id: hot, input: { priority: v % 7 } });

    live = await allTables();
    expect(live.Snapshot).toHaveLength(2);
    for (const table of ['Workspace', 'Member', 'Profile', 'Item', 'Comment', 'ItemMember', 'ItemDependency', 'Milestone', 'ItemRelation']) {
      expect({ table, rows: live[table]!.length > 0 }).toEqual({ table, rows: true });
    }

    const events = await eventCount();
    const progress: ReplayProgress[] = [];
    const result = await replay(app.db, app.domain, { batchSize: 97, onProgress: (p) => progress.push(p) });
    const rows = Object.values(live).reduce((n, t) => n + t.length, 0);
    expect(result).toMatchObject({ events, rows, snapshots: 2 });
    expect(result.eventsPerSecond).toBeGreaterThan(0);
    expect(progress.filter((p) => p.phase === 'fold').at(-1)).toEqual({ phase: 'fold', done: events, total: events });
    expect(progress.filter((p) => p.phase === 'write').at(-1)).toEqual({ phase: 'write', done: rows, total: rows });

    expectSameTables(await allTables(), live);
  });

  it('is idempotent: replaying again gives the same tables', async () => {
    await replay(app.db, app.domain);
    expectSameTables(await allTables(), live);
  });

  it('leaves tables the write path keeps using: more writes on them still equal a replay of the longer log', async () => {
    const stats = await randomWorkload(7, 60);
    expect(stats.ok).toBeGreaterThan(20);
    const after = await allTables();
    await replay(app.db, app.domain, { batchSize: 1000 });
    expectSameTables(await allTables(), after);
    expect((await verifyLog(app.db.sql)).ok).toBe(true);
    live = after;
  });

  it('fails as a whole on a log with a gap, leaving every table as it was', async () => {
    const [event] = await app.db.sql.query<{ id: string }>(`SELECT id::text AS id FROM "Event" WHERE resource = 'Item' AND version = 2 LIMIT 1`, []);
    await app.prisma.$executeRawUnsafe(`CREATE TABLE "EventBackup" AS SELECT * FROM "Event" WHERE id = '${event!.id}'`);
    try {
      await app.prisma.$executeRawUnsafe(`DELETE FROM "Event" WHERE id = '${event!.id}'`);
      await expect(replay(app.db, app.domain)).rejects.toThrow(/version 3 of Item .* previous event of that record is version 1; run `npm run verify`/);
      expectSameTables(await allTables(), live);
    } finally {
      await app.prisma.$executeRawUnsafe(`INSERT INTO "Event" SELECT * FROM "EventBackup"`);
      await app.prisma.$executeRawUnsafe(`DROP TABLE "EventBackup"`);
    }
  });
});

describe('replay insert order', () => {
  it('puts every belongsTo target before the resources holding its key, derived from the domain', () => {
    const order = insertOrder(app.domain).map((r) => r.name);
    const before = (parent: string, child: string) => expect({ parent, child, ok: order.indexOf(parent) < order.indexOf(child) }).toEqual({ parent, child, ok: true });
    before('Workspace', 'Item');
    before('Member', 'Profile');
    before('Item', 'Comment');
    before('Item', 'ItemMember');
    before('Member', 'ItemMember');
    before('Item', 'ItemDependency');
    expect(new Set(order)).toEqual(new Set(app.domain.resources.map((r) => r.name)));
  });

  it('orders the rows of a self-referencing resource parents first, and refuses cycles', () => {
    const domain = defineDomain([
      defineResource({ name: 'Folder', attributes: {}, relationships: { parent: relationship.belongsTo('Folder', { required: false }) } }),
    ]);
    const folder = domain.resource('Folder');
    const state = (id: string, parentId: string | null) => ({ id, parentId, version: 1, createdAt: new Date(0), updatedAt: new Date(0) }) as RecordState;
    const ids = parentsFirst(folder, [state('c', 'b'), state('a', null), state('b', 'a'), state('d', 'd'), state('e', 'gone')]).map((s) => s.id);
    expect(ids.indexOf('a')).toBeLessThan(ids.indexOf('b'));
    expect(ids.indexOf('b')).toBeLessThan(ids.indexOf('c'));
    expect(ids.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(insertOrder(domain).map((r) => r.name)).toEqual(['Folder']);
    expect(() => parentsFirst(folder, [state('x', 'y'), state('y', 'x')])).toThrow(/its own ancestor/);
  });

  it('refuses a belongsTo cycle between resources', () => {
    const domain = defineDomain([
      defineResource({ name: 'Egg', attributes: {}, relationships: { hen: relationship.belongsTo('Hen', { required: false }) } }),
      defineResource({ name: 'Hen', attributes: {}, relationships: { egg: relationship.belongsTo('Egg', { required: false }) } }),
    ]);
    expect(() => insertOrder(domain)).toThrow(/cycle between Egg, Hen/);
  });
});
