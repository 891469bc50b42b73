import type { SqlReader } from '../db/sql-reader';
import { matchesParentFilter, parentFilterWhere } from '../engine/parent-filter';
import type { RecordState } from '../engine/record';
import { pageOf, type RelationQuery } from '../engine/relation-query';
import { selectWhere } from '../engine/sql/statements';
import type { Domain, NoAttributes } from '../resource';

/**
 * Records related to each parent by a noAttributes filter, in ONE statement:
 * the union of every parent's condition (AND the field's own filter), in the
 * field's order; the rows are then split between parents by evaluating the
 * same conditions in memory, and offset / limit apply per parent.
 */
export async function loadByParentFilter(
  sql: SqlReader,
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
  const where = { AND: [{ OR: [...conditions.values()] }, query.where] };
  // The rows are split between parents by the filter's attributes, so they are read too.
  const columns = query.columns && [...query.columns, ...rel.filter.map((condition) => condition.attribute)];
  const statement = selectWhere(domain, domain.resource(rel.destination), where, query.orderBy, { columns });
  const rows = (await sql.query(statement.text, statement.values)) as RecordState[];
  return parents.map((parent) => pageOf(rows.filter((row) => matchesParentFilter(rel.filter, parent, row)), query));
}
