import { modelDelegate } from '../../src/db/delegate';
import { selectWhere } from '../../src/engine/sql/statements';
import { startTestApp, type TestApp } from '../support/app';
import { createItem, createRecord, createWorkspace } from '../support/fixtures';
import { WHERE_CASES } from '../support/where-cases';

/**
 * The loaders and root lists compile the engine's where language (the Prisma
 * `where` subset the filter, keyset and parent-filter translations produce)
 * to SQL themselves. Each case here is answered by Prisma and by the compiled
 * SQL on the same rows, and must select the same records in the same order.
 */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  const alpha = await createWorkspace(app, 'Alpha');
  const beta = await createWorkspace(app, 'Beta_%');
  const items = [
    await createItem(app, alpha, { title: 'plan 100%', priority: 1 }),
    await createItem(app, alpha, { title: 'plan_b', priority: 5, status: 'DONE' }),
    await createItem(app, alpha, { title: 'review', priority: 3 }),
    await createItem(app, beta, { title: 'ship', priority: 5 }),
    await createItem(app, beta, { title: 'idle', priority: 0 }),
  ];
  const ada = await createRecord(app, 'Member', { name: 'Ada', email: 'ada@example.com' });
  const bob = await createRecord(app, 'Member', { name: 'Bob', email: 'bob@example.com' });
  for (const [item, body] of [[0, 'ok'], [0, 'ok'], [1, 'ok'], [1, 'no'], [2, 'no'], [3, 'ok']] as const) {
    await createRecord(app, 'Comment', { itemId: items[item], body });
  }
  await createRecord(app, 'ItemMember', { itemId: items[0], memberId: ada, role: 'ADMIN' });
  await createRecord(app, 'ItemMember', { itemId: items[1], memberId: bob });
  await createRecord(app, 'Profile', { memberId: ada, bio: 'hello' });
  await createRecord(app, 'Milestone', { name: 'm1', dueAt: '2027-01-01T00:00:00.000Z' });
  await createRecord(app, 'Milestone', { name: 'm2' });
  await createRecord(app, 'Milestone', { name: 'm3', dueAt: '2028-01-01T00:00:00.000Z' });
});
afterAll(() => app.dispose());

const cases = WHERE_CASES;

describe('compiled where = Prisma where', () => {
  it.each(cases)('%s %j', async (resourceName, where) => {
    const resource = app.domain.resource(resourceName);
    const orderBy = ([{ priority: 'desc' }, { id: 'asc' }] as Record<string, 'asc' | 'desc'>[]).filter((o) => resource.attributeByName.has(Object.keys(o)[0]!));
    const expected = await modelDelegate(app.prisma, resource.model).findMany({ where, orderBy, select: { id: true } });
    const statement = selectWhere(app.domain, resource, where, orderBy, { columns: ['id'] });
    const actual = await app.db.sql.query(statement.text, statement.values);
    expect(actual).toEqual(expected);
  });

  it('cases are not vacuous: some select rows, some select none', async () => {
    const sizes = await Promise.all(cases.map(async ([name, where]) =>
      (await modelDelegate(app.prisma, app.domain.resource(name).model).findMany({ where })).length));
    expect(sizes.filter((n) => n === 0).length).toBeGreaterThan(2);
    expect(sizes.filter((n) => n > 0).length).toBeGreaterThan(20);
  });
});
