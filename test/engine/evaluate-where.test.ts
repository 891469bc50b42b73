import { modelDelegate } from '../../src/db/delegate';
import type { RecordState } from '../../src/engine/record';
import { selectWhere } from '../../src/engine/sql/statements';
import { evaluateWhere, type RelatedOf } from '../../src/engine/write/evaluate-where';
import type { Resource } from '../../src/resource';
import { startTestApp, type TestApp } from '../support/app';
import { createWorkspace } from '../support/fixtures';
import { seedWhereData, WHERE_CASES } from '../support/where-cases';

/**
 * evaluateWhere answers an engine `where` on a record in memory; it must give
 * the answer the compiled SQL (whereSql, itself checked against Prisma in
 * sql-where.test.ts) gives on the row. Each case runs on every row of its
 * resource: evaluateWhere, with a `relatedOf` that answers from all rows read
 * from the database (so it knows everything), must return exactly `true` for
 * the rows the SQL selects and `false` for the others, never undefined.
 *
 * The data is sql-where.test.ts's, plus a workspace with an owner and no items
 * (a belongsTo that is set, a hasMany with no record).
 */
let app: TestApp;
/** Every row of every resource table, by resource name. */
const rows = new Map<string, RecordState[]>();

beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  const { ada } = await seedWhereData(app);
  // Not in sql-where.test.ts: an owned workspace without items.
  await createWorkspace(app, 'Gamma', { ownerId: ada });

  for (const resource of app.domain.resources) {
    rows.set(resource.name, (await modelDelegate(app.prisma, resource.model).findMany({ orderBy: { id: 'asc' } })) as RecordState[]);
  }
});
afterAll(() => app.dispose());

const rowsOf = (name: string): RecordState[] => {
  const found = rows.get(name);
  if (!found) throw new Error(`No rows loaded for ${name}.`);
  return found;
};

/** Knows every related record: hasMany / hasOne children by their key, a belongsTo's parent by id (none when the key is NULL). */
const relatedOf: RelatedOf = (resource, record, name) => {
  const rel = resource.relationshipByName.get(name);
  if (!rel) throw new Error(`${resource.name}.${name}: no such relationship.`);
  if (rel.kind === 'hasMany' || rel.kind === 'hasOne') return rowsOf(rel.destination).filter((r) => r[rel.destinationAttribute] === record.id);
  if (rel.kind === 'belongsTo') {
    const key = record[rel.sourceAttribute];
    return key === null || key === undefined ? [] : rowsOf(rel.destination).filter((r) => r.id === key);
  }
  throw new Error(`${resource.name}.${name}: ${rel.kind} relationships are not compiled by whereSql.`);
};

const D2026 = new Date('2026-01-01T00:00:00.000Z');
const D2027 = new Date('2027-01-01T00:00:00.000Z');
const D2028 = new Date('2028-01-01T00:00:00.000Z');

type Case = [resource: string, where: Record<string, unknown>];

/** The cases sql-where.test.ts compares with Prisma. */
const sqlWhereCases: Case[] = WHERE_CASES;

/** This file's own cases. */
const ownCases: Case[] = [
  // NULL: `not` / `notIn` never match NULL; `equals: null` / `not: null` test for it.
  ['Milestone', { dueAt: { equals: null } }],
  ['Milestone', { dueAt: { equals: D2027 } }],
  ['Milestone', { dueAt: { notIn: [D2027] } }],
  ['Milestone', { dueAt: { notIn: [] } }],
  ['Milestone', { dueAt: { in: [D2027, D2028] } }],
  ['Milestone', { dueAt: { not: null, lt: D2028 } }],
  ['Milestone', { dueAt: { lte: D2027 } }],
  ['Milestone', { NOT: { dueAt: null } }],
  ['Milestone', { NOT: { dueAt: { not: null } } }],
  ['Milestone', { OR: [{ dueAt: { not: D2027 } }, { name: { equals: 'm2' } }] }],
  // NOT over a comparison with a NULL operand: SQL's NOT (NULL) is NULL, the row is not selected.
  ['Milestone', { NOT: { dueAt: { not: D2027 } } }],
  ['Milestone', { NOT: { dueAt: { notIn: [D2027] } } }],
  ['Milestone', { NOT: { dueAt: { equals: D2027 } } }],
  ['Milestone', { NOT: { dueAt: { gt: D2026 } } }],
  ['Milestone', { NOT: { dueAt: { in: [D2027, D2028] } } }],
  ['Milestone', { NOT: { NOT: { dueAt: { equals: D2027 } } } }],
  // A NULL foreign key: Gamma has an owner, Alpha and Beta_% have none.
  ['Workspace', { ownerId: null }],
  ['Workspace', { ownerId: { not: null } }],
  ['Workspace', { owner: { is: {} } }],
  ['Workspace', { NOT: { owner: { is: {} } } }],
  ['Workspace', { owner: { is: { name: { equals: 'Ada' } } } }],
  ['Workspace', { owner: { is: { name: { not: 'Ada' } } } }],
  ['Workspace', { NOT: { owner: { is: { name: { equals: 'Ada' } } } } }],
  ['Item', { workspace: { is: { ownerId: { equals: null } } } }],
  ['Item', { workspace: { is: { owner: { is: { profile: { is: {} } } } } } }],
  // every holds on no related record; none / some on none.
  ['Item', { comments: { every: { body: { equals: 'zzz' } } } }],
  ['Item', { comments: { none: { body: { equals: 'zzz' } } } }],
  ['Item', { comments: { some: { body: { equals: 'zzz' } } } }],
  ['Item', { comments: { every: { OR: [] } } }],
  ['Item', { comments: { some: { OR: [] } } }],
  ['Item', { comments: { none: { OR: [] } } }],
  ['Item', { comments: { every: { body: { equals: 'ok' } }, some: {} } }],
  ['Item', { comments: { none: { body: { equals: 'no' } } }, priority: { gt: 0 } }],
  ['Item', { NOT: { comments: { every: { body: { equals: 'ok' } } } } }],
  ['Workspace', { items: { every: { priority: { gt: 100 } } } }],
  ['Workspace', { items: { none: {} } }],
  ['Workspace', { items: { some: { comments: { some: { body: { equals: 'no' } } } } } }],
  ['Workspace', { items: { every: { comments: { none: { body: { equals: 'no' } } } } } }],
  ['Member', { memberships: { every: { role: { equals: 'ADMIN' } } } }],
  ['Member', { memberships: { none: { item: { is: { status: { equals: 'DONE' } } } } } }],
  ['Member', { ownedWorkspaces: { some: {} } }],
  ['Item', { memberships: { none: { member: { is: { profile: { is: {} } } } } } }],
  // Empty conditions: {} holds, OR: [] does not, NOT: {} holds, a relationship or attribute without operators holds.
  ['Workspace', {}],
  ['Milestone', {}],
  ['Item', { NOT: [] }],
  ['Item', { AND: [{}] }],
  ['Item', { OR: [{}, {}] }],
  ['Item', { NOT: { OR: [] } }],
  ['Item', { NOT: [{}, { title: { equals: 'review' } }] }],
  ['Item', { title: {} }],
  ['Item', { comments: {} }],
  ['Item', { title: { equals: undefined }, priority: { gt: undefined, lt: 5 } }],
  ['Item', { OR: [{ title: { equals: 'review' } }, { OR: [] }] }],
  ['Item', { AND: [{ OR: [] }, {}] }],
  // Other operators and values.
  ['Item', { status: { not: 'DONE' } }],
  ['Item', { title: { gt: 'plan_b' } }],
  ['Item', { title: { lt: 'plan_b' } }],
  ['Item', { title: { contains: 'i' }, priority: { in: [0, 3, 5] } }],
  ['Item', { title: { startsWith: 'plan' } }],
  ['Member', { name: { lt: 'b' } }],
  ['Workspace', { name: { contains: 'Beta' } }],
  ['Workspace', { name: { startsWith: 'Beta\\_\\%' } }],
  ['Item', { title: { contains: '%' } }],
  ['Item', { title: { startsWith: 'pl_n' } }],
];

const cases = [...sqlWhereCases, ...ownCases];
const title = ([resource, where]: Case) => `${resource} ${JSON.stringify(where)}`;

/** The ids of the rows the compiled SQL selects. */
async function selectedBySql(resource: Resource, where: Record<string, unknown>): Promise<Set<string>> {
  const statement = selectWhere(app.domain, resource, where, [{ id: 'asc' }], { columns: ['id'] });
  const selected = (await app.db.sql.query(statement.text, statement.values)) as { id: string }[];
  return new Set(selected.map((r) => r.id));
}

describe('evaluateWhere = compiled where, row by row', () => {
  // SQL's three-valued logic (NOT over a comparison with NULL), notIn: [] on NULL, LIKE patterns with escapes and wildcards.
  for (const c of cases) {
    it(title(c), async () => {
      const [resourceName, where] = c;
      const resource = app.domain.resource(resourceName);
      const selected = await selectedBySql(resource, where);
      const all = rowsOf(resourceName);
      expect(all.length).toBeGreaterThan(0);
      const answers = all.map((row) => ({ row: describeRow(row), sql: selected.has(row.id), evaluateWhere: evaluateWhere(app.domain, resource, row, where, relatedOf) }));
      expect(answers.filter((a) => a.evaluateWhere !== a.sql)).toEqual([]);
    });
  }

  it('cases are not vacuous: each answer is true on some row and false on another, across the cases', async () => {
    let empty = 0;
    let full = 0;
    let mixed = 0;
    for (const [name, where] of cases) {
      const selected = await selectedBySql(app.domain.resource(name), where);
      const total = rowsOf(name).length;
      if (selected.size === 0) empty++;
      else if (selected.size === total) full++;
      else mixed++;
    }
    expect(empty).toBeGreaterThan(5);
    expect(full).toBeGreaterThan(5);
    expect(mixed).toBeGreaterThan(40);
  });
});

describe('evaluateWhere when relatedOf does not know a relationship', () => {
  /** Knows everything but Item.workspace (a belongsTo parent "read from the database"). */
  const partly: RelatedOf = (resource, record, name) => (resource.name === 'Item' && name === 'workspace' ? undefined : relatedOf(resource, record, name));
  const unknown = { workspace: { is: { name: { equals: 'Alpha' } } } };

  it('a condition on it is undefined; OR with a true branch is true, AND with a false branch is false', () => {
    const item = app.domain.resource('Item');
    const review = rowsOf('Item').find((r) => r.title === 'review')!;
    const evaluate = (where: Record<string, unknown>) => evaluateWhere(app.domain, item, review, where, partly);

    expect(evaluate(unknown)).toBeUndefined();
    expect(evaluate({ workspace: { is: {} } })).toBeUndefined();
    expect(evaluate({ NOT: unknown })).toBeUndefined();
    expect(evaluate({ OR: [unknown] })).toBeUndefined();
    expect(evaluate({ AND: [unknown] })).toBeUndefined();

    expect(evaluate({ OR: [unknown, { title: { equals: 'review' } }] })).toBe(true);
    expect(evaluate({ OR: [{ title: { equals: 'review' } }, unknown] })).toBe(true);
    expect(evaluate({ OR: [unknown, { title: { equals: 'ship' } }] })).toBeUndefined();

    expect(evaluate({ AND: [unknown, { title: { equals: 'ship' } }] })).toBe(false);
    expect(evaluate({ AND: [{ title: { equals: 'ship' } }, unknown] })).toBe(false);
    expect(evaluate({ ...unknown, title: { equals: 'ship' } })).toBe(false);
    expect(evaluate({ title: { equals: 'ship' }, ...unknown })).toBe(false);
    expect(evaluate({ AND: [unknown, { title: { equals: 'review' } }] })).toBeUndefined();
    expect(evaluate({ NOT: { AND: [unknown, { title: { equals: 'ship' } }] } })).toBe(true);

    // Conditions that do not touch the unknown relationship are still answered.
    expect(evaluate({ title: { equals: 'review' } })).toBe(true);
    expect(evaluate({ comments: { some: { body: { equals: 'no' } } } })).toBe(true);
  });

  it('an unknown relationship of a related record makes the quantifier over it undefined, unless another related record decides it', () => {
    const workspace = app.domain.resource('Workspace');
    const [alpha, beta, gamma] = ['Alpha', 'Beta_%', 'Gamma'].map((n) => rowsOf('Workspace').find((r) => r.name === n)!);
    const evaluate = (record: RecordState, where: Record<string, unknown>) => evaluateWhere(app.domain, workspace, record, where, partly);
    const inner = { workspace: { is: { name: { equals: 'Alpha' } } } };

    expect(evaluate(alpha!, { items: { some: inner } })).toBeUndefined();
    expect(evaluate(alpha!, { items: { every: inner } })).toBeUndefined();
    expect(evaluate(alpha!, { items: { none: inner } })).toBeUndefined();
    // some item is known to match / every is known to fail: decided without the unknown ones.
    expect(evaluate(alpha!, { items: { some: { OR: [inner, { title: { equals: 'review' } }] } } })).toBe(true);
    expect(evaluate(beta!, { items: { every: { AND: [inner, { title: { equals: 'ship' } }] } } })).toBe(false);
    expect(evaluate(beta!, { items: { none: { OR: [inner, { title: { equals: 'ship' } }] } } })).toBe(false);
    // No items: nothing unknown.
    expect(evaluate(gamma!, { items: { some: inner } })).toBe(false);
    expect(evaluate(gamma!, { items: { every: inner } })).toBe(true);
  });
});

const describeRow = (row: RecordState) => {
  const { id, version, createdAt, updatedAt, ...attributes } = row;
  return { id, ...attributes };
};
