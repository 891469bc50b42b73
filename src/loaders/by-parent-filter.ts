import { modelDelegate } from '../db/delegate';
import { matchesParentFilter, parentFilterWhere } from '../engine/parent-filter';
import type { RecordState } from '../engine/record';
import { pageOf, type RelationQuery } from '../engine/relation-query';
import type { PrismaClient } from '../generated/prisma/client';
import type { Domain, NoAttributes } from '../resource';

/**
 * Records related to each parent by a noAttributes filter, in ONE statement:
 * the union of every parent's condition (AND the field's own filter), in the
 * field's order; the rows are then split between parents by evaluating the
 * same conditions in memory, and offset / limit apply per parent.
 */
export async function loadByParentFilter(
  prisma: PrismaClient,
  domain: Domain,
  rel: NoAttributes,
  query: RelationQuery,
  parents: readonly RecordState[],
): Promise<RecordState[][]> {
  const conditions = new Map<string, Record<string, unknown>>();
  for (const parent of parents) {
    const where = parentFilterWhere(rel.filter, parent);
    if (where) conditions.set(JSON.stringify(where), where); // parents with equal values share one condition
  }
  if (conditions.size === 0) return parents.map(() => []);
  const rows = (await modelDelegate(prisma, domain.resource(rel.destination).model).findMany({
    where: { AND: [{ OR: [...conditions.values()] }, query.where] },
    orderBy: query.orderBy,
  })) as RecordState[];
  return parents.map((parent) => pageOf(rows.filter((row) => matchesParentFilter(rel.filter, parent, row)), query));
}
