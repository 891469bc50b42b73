import { Comment } from '../../src/app/resources/comment';
import { Item } from '../../src/app/resources/item';
import { ItemDependency } from '../../src/app/resources/item-dependency';
import { ItemMember } from '../../src/app/resources/item-member';
import { Member } from '../../src/app/resources/member';
import { Milestone } from '../../src/app/resources/milestone';
import { Profile } from '../../src/app/resources/profile';
import { Workspace } from '../../src/app/resources/workspace';
import { loadRecord } from '../../src/engine/fold';
import { replay } from '../../src/engine/replay';
import { runAction } from '../../src/engine/run-action';
import { eventHash } from '../../src/events/hash';
import { uuidv7 } from '../../src/events/uuidv7';
import { defineDomain, defineResource, type Domain } from '../../src/resource';
import { openTestDatabase, type TestDatabase } from '../support/database';

/**
 * Savepoints and payload versions on a real database: folding from a snapshot
 * gives exactly the state folding from the first event gives (at every point
 * in time), and an event written under an older payload version is upcast
 * into the current shape when read.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.dispose());

const metadata = { actor: null, correlationId: null };

/** The reference app with Item snapshotting every 3 versions, and Milestone payloads at version 2 (v1 named the field `title`). */
function testDomain(): Domain {
  const SnapshottingItem = defineResource({ ...Item, events: { snapshotEvery: 3 } });
  const MilestoneV2 = defineResource({
    ...Milestone,
    events: { payloadVersion: 2, upcast: { 1: ({ title, ...rest }) => ({ ...rest, name: title }) } },
  });
  return defineDomain([Workspace, Member, Profile, SnapshottingItem, Comment, ItemMember, ItemDependency, MilestoneV2]);
}

async function run(domain: Domain, resource: string, action: string, input: Record<string, unknown>, id?: string): Promise<string> {
  const outcome = await runAction({ prisma: db.prisma, domain, metadata }, { resource, action, input, ...(id ? { id } : {}) });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.record.id;
}

describe('snapshots (savepoints)', () => {
  it('are stored every N versions, and folding from them gives the same state as folding every event, at every time', async () => {
    const domain = testDomain();
    const item = domain.resource('Item');
    const workspaceId = await run(domain, 'Workspace', 'create', { name: 'snap' });
    const id = await run(domain, 'Item', 'create', { title: 'v1', workspaceId });
    const milestones = [await run(domain, 'Milestone', 'create', { name: 'M1' }), await run(domain, 'Milestone', 'create', { name: 'M2' })];
    const times: Date[] = [];
    for (let i = 2; i <= 10; i++) {
      if (i % 4 === 0) await run(domain, 'Item', 'addRelation', { relationType: 'MILESTONE', relationId: milestones[(i / 4) - 1] }, id);
      else await run(domain, 'Item', 'update', { title: `v${i}`, priority: i }, id);
      times.push(new Date());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const snapshots = await db.prisma.snapshot.findMany({ where: { recordId: id }, orderBy: { version: 'asc' } });
    expect(snapshots.map((s) => s.version)).toEqual([3, 6, 9]);

    const latest = await loadRecord(db.prisma, item, id);
    const full = await loadRecord(db.prisma, item, id, { useSnapshots: false });
    expect(latest).toEqual(full);
    expect(latest.version).toBe(10);
    expect((latest.state!.relations as unknown[]).length).toBe(2);
    for (const asOf of times) {
      expect(await loadRecord(db.prisma, item, id, { asOf })).toEqual(await loadRecord(db.prisma, item, id, { asOf, useSnapshots: false }));
    }
    // The fold equals the materialized row (which the live path wrote from the same states).
    const row = await db.prisma.item.findUniqueOrThrow({ where: { id } });
    const { relations: _virtual, ...attributes } = latest.state!;
    expect(row).toEqual(attributes);
  });

  it('a snapshot is only a shortcut: deleting them all changes no state', async () => {
    const domain = testDomain();
    const workspaceId = await run(domain, 'Workspace', 'create', { name: 'snap 2' });
    const id = await run(domain, 'Item', 'create', { title: 'a', workspaceId });
    for (let i = 0; i < 7; i++) await run(domain, 'Item', 'update', { priority: i }, id);
    const withSnapshots = await loadRecord(db.prisma, domain.resource('Item'), id);
    await db.prisma.snapshot.deleteMany({ where: { recordId: id } });
    expect(await loadRecord(db.prisma, domain.resource('Item'), id)).toEqual(withSnapshots);
  });
});

describe('upcasting', () => {
  it('writes the current payload version, and reads a version-1 event into the current shape', async () => {
    const domain = testDomain();
    const milestone = domain.resource('Milestone');
    const current = await run(domain, 'Milestone', 'create', { name: 'new shape' });
    expect((await db.prisma.event.findFirstOrThrow({ where: { recordId: current } })).payloadVersion).toBe(2);

    // An event as an older release wrote it: payload version 1, the name under `title`.
    const id = uuidv7();
    const occurredAt = new Date('2026-01-01T00:00:00Z');
    const fields = { resource: 'Milestone', recordId: id, version: 1, action: 'create', payload: { title: 'old shape', dueAt: null }, payloadVersion: 1, occurredAt };
    await db.prisma.event.create({ data: { id: uuidv7(), ...fields, hash: eventHash(null, fields) } });

    const folded = await loadRecord(db.prisma, milestone, id);
    expect(folded.state).toMatchObject({ id, name: 'old shape', dueAt: null, version: 1 });
    expect(folded.state).not.toHaveProperty('title');
    // Later writes continue the stream in the new shape.
    await db.prisma.milestone.create({ data: { id, version: 1, createdAt: occurredAt, updatedAt: occurredAt, name: 'old shape', dueAt: null } });
    await run(domain, 'Milestone', 'update', { name: 'renamed' }, id);
    expect((await loadRecord(db.prisma, milestone, id)).state).toMatchObject({ name: 'renamed', version: 2 });

    // Replay materializes an old event that never had a row into the current shape.
    const orphan = uuidv7();
    const old = { ...fields, recordId: orphan, payload: { title: 'only in the log', dueAt: '2027-01-01T00:00:00.000Z' } };
    await db.prisma.event.create({ data: { id: uuidv7(), ...old, hash: eventHash(null, old) } });
    await replay(db, domain);
    expect(await db.prisma.milestone.findUniqueOrThrow({ where: { id: orphan } })).toMatchObject({ name: 'only in the log', dueAt: new Date('2027-01-01T00:00:00Z'), version: 1 });
    expect(await db.prisma.milestone.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: 'renamed', version: 2 });
  });

  it('refuses a definition that cannot read its older payloads', () => {
    expect(() => defineDomain([defineResource({ ...Milestone, events: { payloadVersion: 3, upcast: { 1: (p) => p } } })])).toThrow(
      'Milestone.events.upcast: no upcaster from version 2; events written under it could not be read.',
    );
  });
});
