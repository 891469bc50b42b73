import { createAppDomain } from '../../src/app/domain';
import { seedDemoData } from '../../src/app/seed';
import { openTestDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.dispose());

describe('demo seed', () => {
  it('writes every resource of the reference app through the engine, one event per record, reporting progress', async () => {
    const progress: [number, number][] = [];
    const ctx = { prisma: db.prisma, domain: createAppDomain(), metadata: { actor: null, correlationId: 'seed' } };
    const created = await seedDemoData(ctx, (done, total) => void progress.push([done, total]));
    const p = db.prisma;
    const rows = {
      workspaces: await p.workspace.count(), members: await p.member.count(), profiles: await p.profile.count(), items: await p.item.count(),
      comments: await p.comment.count(), itemMembers: await p.itemMember.count(), dependencies: await p.itemDependency.count(), milestones: await p.milestone.count(), relations: await p.itemRelation.count(),
    };
    expect(rows).toEqual({ workspaces: 3, members: 3, profiles: 2, items: 8, comments: 16, itemMembers: 16, dependencies: 5, milestones: 2, relations: 6 });
    const total = Object.values(rows).reduce((a, b) => a + b, 0);
    expect(created).toBe(total);
    expect(await p.event.count()).toBe(total);
    expect(progress.at(-1)).toEqual([total, total]);
  });
});
