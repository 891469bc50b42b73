import { createAppDomain } from '../../src/app/domain';
import { seedDemoData, seedDemoDataOnce } from '../../src/app/seed';
import { openDatabase } from '../../src/db/client';
import { openTestDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(() => db.dispose());

const context = (on: Pick<TestDatabase, 'prisma' | 'sql'>) => ({ prisma: on.prisma, sql: on.sql, domain: createAppDomain(), metadata: { actor: null, correlationId: 'seed' } });

async function rowCounts(on: Pick<TestDatabase, 'prisma'> = db) {
  const p = on.prisma;
  return {
    workspaces: await p.workspace.count(), members: await p.member.count(), profiles: await p.profile.count(), items: await p.item.count(),
    comments: await p.comment.count(), itemMembers: await p.itemMember.count(), dependencies: await p.itemDependency.count(), milestones: await p.milestone.count(), relations: await p.itemRelation.count(),
  };
}
const SEEDED = { workspaces: 3, members: 3, profiles: 2, items: 8, comments: 16, itemMembers: 16, dependencies: 5, milestones: 2, relations: 6 };
const EMPTY = Object.fromEntries(Object.keys(SEEDED).map((k) => [k, 0]));

describe('demo seed', () => {
  it('writes every resource of the reference app through the engine, one event per record', async () => {
    const appended = await seedDemoData(context(db));
    expect(await rowCounts()).toEqual(SEEDED);
    const total = Object.values(SEEDED).reduce((a, b) => a + b, 0);
    expect(appended).toBe(total);
    expect(await db.prisma.event.count()).toBe(total);
  });

  it('is all or nothing: a seed that fails part-way leaves no demo data, and the next one completes', async () => {
    // A member row written around the engine takes an email the seed uses: its write fails after others went in.
    const now = new Date();
    await db.prisma.member.create({ data: { id: '00000000-0000-7000-8000-000000000001', version: 1, createdAt: now, updatedAt: now, name: 'Squatter', email: 'alan@example.com', priorityThreshold: 0 } });
    await expect(seedDemoData(context(db))).rejects.toThrow(/Seeding the demo data failed: .*email/);
    expect(await db.prisma.event.count()).toBe(0);
    expect(await rowCounts()).toEqual({ ...EMPTY, members: 1 });

    await db.prisma.member.deleteMany({});
    await seedDemoData(context(db));
    expect(await rowCounts()).toEqual(SEEDED);
  });

  it('seeds once: not again when the log holds events', async () => {
    expect(await seedDemoDataOnce(context(db), { kind: 'pglite', dataDir: undefined })).toBeGreaterThan(0);
    expect(await seedDemoDataOnce(context(db), { kind: 'pglite', dataDir: undefined })).toBe(0);
    expect(await rowCounts()).toEqual(SEEDED);
  });

  (process.env.DATABASE_URL ? it : it.skip)('three instances starting together on an empty PostgreSQL database seed one copy', async () => {
    const others = await Promise.all([1, 2].map(() => openDatabase({ kind: 'postgres', url: db.url! })));
    try {
      const config = { kind: 'postgres' as const, url: db.url! };
      const appended = await Promise.all([db, ...others].map((on) => seedDemoDataOnce(context(on), config)));
      expect(appended.filter((n) => n > 0)).toHaveLength(1);
      expect(await rowCounts()).toEqual(SEEDED);
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });
});
