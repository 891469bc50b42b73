import { modelDelegate } from '../../src/db/delegate';
import { selectWhere } from '../../src/engine/sql/statements';
import { startTestApp, type TestApp } from '../support/app';
import { seedWhereData, WHERE_CASES } from '../support/where-cases';

/**
 * The loaders and root lists compile the engine's where language (the Prisma
 * `where` subset the filter, keyset and parent-filter translations produce)
 * to SQL themselves. Each case here is answered by Prisma and by the compiled
 * SQL on the same rows, and must select the same records in the same order.
 */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  await seedWhereData(app);
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
