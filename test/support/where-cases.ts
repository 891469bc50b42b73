import type { TestApp } from './app';
import { createItem, createRecord, createWorkspace } from './fixtures';

/**
 * Engine wheres over the reference app's resources, each with what it tests
 * implicitly: operators, empty lists, NULL, LIKE escapes, quantifiers,
 * conditions compiled and then dropped. Compared row by row with Prisma
 * (sql-where.test.ts) and with the in-memory evaluation (evaluate-where.test.ts).
 */
export type WhereCase = [resource: string, where: Record<string, unknown>];

export const WHERE_CASES: WhereCase[] = [
  ['Item', {}],
  ['Item', { title: { equals: 'review' } }],
  ['Item', { title: { not: 'review' } }],
  ['Item', { priority: { in: [1, 5] } }],
  ['Item', { priority: { notIn: [1, 5] } }],
  ['Item', { priority: { in: [] } }],
  ['Item', { priority: { notIn: [] } }],
  ['Item', { priority: { gt: 1, lte: 5 } }],
  ['Item', { priority: { gte: 3, lt: 5 } }],
  ['Item', { status: { in: ['DONE'] } }],
  ['Item', { status: { equals: 'OPEN' } }],
  ['Item', { title: { contains: 'an' } }],
  ['Item', { title: { contains: '\\%' } }],
  ['Item', { title: { startsWith: 'plan\\_' } }],
  ['Item', { OR: [] }],
  ['Item', { AND: [] }],
  ['Item', { NOT: {} }],
  ['Item', { NOT: { priority: { notIn: [] } } }],
  ['Item', { OR: [{ priority: { equals: 0 } }, { title: { startsWith: 'r' } }] }],
  ['Item', { NOT: { OR: [{ priority: { equals: 0 } }, { status: { equals: 'DONE' } }] } }],
  ['Item', { workspace: { is: { name: { startsWith: 'Beta' } } } }],
  ['Item', { comments: { some: { body: { equals: 'ok' } } } }],
  ['Item', { comments: { every: { body: { equals: 'ok' } } } }],
  ['Item', { comments: { none: { body: { equals: 'ok' } } } }],
  ['Item', { comments: { some: {} } }],
  ['Item', { comments: { every: {} } }],
  ['Item', { comments: { none: {} } }],
  ['Item', { memberships: { some: { member: { is: { name: { equals: 'Ada' } } } } } }],
  ['Item', { memberships: { some: { role: { equals: 'VIEWER' } } }, workspace: { is: { name: { equals: 'Alpha' } } } }],
  ['Member', { profile: { is: { bio: { contains: 'ell' } } } }],
  ['Member', { NOT: { profile: { is: {} } } }],
  // A condition compiled and then dropped (AND with FALSE, OR with TRUE) must drop its values too.
  ['Item', { title: { equals: 'review' }, priority: { in: [] } }],
  ['Item', { OR: [{ title: { equals: 'review' } }, {}] }],
  ['Item', { OR: [{}] }],
  ['Item', { AND: [{ title: { equals: 'review' } }, { id: { in: [] } }], priority: { gt: 1 } }],
  ['Item', { comments: { some: { body: { equals: 'ok' }, id: { in: [] } } }, priority: { gte: 0 } }],
  ['Item', { OR: [{ title: { startsWith: 'p' } }, { title: { notIn: [] } }], priority: { lt: 5 } }],
  ['Milestone', { dueAt: null }],
  ['Milestone', { dueAt: { not: null } }],
  ['Milestone', { dueAt: { not: new Date('2027-01-01T00:00:00.000Z') } }],
  ['Milestone', { dueAt: { gt: new Date('2026-01-01T00:00:00.000Z') } }],
  ['Milestone', { OR: [{ dueAt: { lt: new Date('2027-06-01T00:00:00.000Z') } }, { dueAt: null }] }],
];

/** The rows the cases run on: workspaces, items with comments and members, a profile, milestones with and without a due date. */
export async function seedWhereData(app: TestApp): Promise<{ ada: string; bob: string }> {
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
  return { ada, bob };
}
