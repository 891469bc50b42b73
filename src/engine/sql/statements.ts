import type { Domain, HasMany, ManyToMany, Resource } from '../../resource';
import type { RelationQuery } from '../relation-query';
import { column, ident, SqlParams } from '../../db/sql-params';
import { sqlScope, whereSql } from './where';

type Where = Record<string, unknown>;
type OrderBy = readonly Readonly<Record<string, 'asc' | 'desc'>>[];

/** A statement and its values, ready for `SqlReader.query`. */
export interface SqlStatement {
  readonly text: string;
  readonly values: readonly unknown[];
}

/** Column with which a manyToMany statement tags each row with its parent's id (no attribute can be named so). */
export const PARENT = '$parent';
/** Column with a row's position among its parent's rows, in paged loads (not returned). */
const ROW = '$row';

/**
 * The attribute names a statement reads: `names` (plus `always`), or every
 * attribute of the resource when `names` is undefined.
 */
const attributeNames = (resource: Resource, names: readonly string[] | undefined, ...always: string[]): string[] =>
  names ? [...new Set([...names, ...always])] : resource.attributes.map((a) => a.name);

/** Attribute columns on the row `alias`, named, never `*`: the model may have columns the resource does not read. */
const columnsOf = (names: readonly string[], alias: string): string[] => names.map((name) => column(alias, name));

/** `ORDER BY` terms for an engine orderBy (`[{ attr: 'asc' }]`) on the row `alias`. */
export function orderSql(orderBy: OrderBy, alias: string): string {
  return orderBy
    .flatMap((term) => Object.entries(term).map(([name, direction]) => `${column(alias, name)} ${direction === 'desc' ? 'DESC' : 'ASC'}`))
    .join(', ');
}

/** Every row of `resource` matching `where`, in `orderBy` order (plain select, no paging). */
export function selectWhere(
  domain: Domain,
  resource: Resource,
  where: Where,
  orderBy: OrderBy,
  options: { limit?: number; columns?: readonly string[] } = {},
): SqlStatement {
  const scope = sqlScope(domain, new SqlParams());
  const row = scope.alias();
  const condition = whereSql(scope, resource, where, row);
  const order = orderBy.length > 0 ? ` ORDER BY ${orderSql(orderBy, row)}` : '';
  const take = options.limit === undefined ? '' : ` LIMIT ${scope.params.add(options.limit)}`;
  return scope.params.finish(`SELECT ${columnsOf(attributeNames(resource, options.columns, 'id'), row).join(', ')} FROM ${ident(resource.model)} AS ${row} WHERE ${condition}${order}${take}`);
}

/** The number of rows of `resource` matching `where`. */
export function countWhere(domain: Domain, resource: Resource, where: Where): SqlStatement {
  const scope = sqlScope(domain, new SqlParams());
  const row = scope.alias();
  const condition = whereSql(scope, resource, where, row);
  return scope.params.finish(`SELECT count(*)::int AS count FROM ${ident(resource.model)} AS ${row} WHERE ${condition}`);
}

/** Rows of `resource` whose `attribute` (a uuid column) is one of `keys` and that match `where` (the read filter; none when null). */
export function selectByKeys(domain: Domain, resource: Resource, attribute: string, keys: readonly string[], where: Where | null = null): SqlStatement {
  const scope = sqlScope(domain, new SqlParams());
  const row = scope.alias();
  const conditions = [`${column(row, attribute)} = ANY(${scope.params.add(keys)}::uuid[])`, ...(where ? [whereSql(scope, resource, where, row)] : [])];
  return scope.params.finish(`SELECT ${columnsOf(attributeNames(resource, undefined), row).join(', ')} FROM ${ident(resource.model)} AS ${row} WHERE ${conditions.join(' AND ')}`);
}

/**
 * The related records of every parent in `parentIds`, in ONE statement
 * (hasMany: keyed by the destination's attribute; manyToMany: by the join
 * record's, the destination joined in, each row tagged with its parent id in
 * column `PARENT`). Rows come in
 * the query's order per parent; with limit / offset, rows are numbered per
 * parent (`row_number() OVER (PARTITION BY parent ...)`) and cut there, so
 * they apply per parent.
 */
export function selectToMany(domain: Domain, rel: HasMany | ManyToMany, query: RelationQuery, parentIds: readonly string[]): SqlStatement {
  const scope = sqlScope(domain, new SqlParams());
  const keys = scope.params.add(parentIds);
  const destination = domain.resource(rel.destination);
  const row = scope.alias();
  let from: string;
  let parent: string;
  if (rel.kind === 'manyToMany') {
    const link = scope.alias();
    from =
      `${ident(domain.resource(rel.through).model)} AS ${link} JOIN ${ident(destination.model)} AS ${row} ` +
      `ON ${column(row, 'id')} = ${column(link, rel.destinationAttributeOnJoinResource)}`;
    parent = column(link, rel.sourceAttributeOnJoinResource);
  } else {
    from = `${ident(destination.model)} AS ${row}`;
    parent = column(row, rel.destinationAttribute);
  }
  const condition = [`${parent} = ANY(${keys}::uuid[])`, whereSql(scope, destination, query.where, row)].filter((c) => c !== 'TRUE');
  const order = orderSql(query.orderBy, row);
  const tagged = rel.kind === 'manyToMany';
  // A hasMany's rows are grouped by their key attribute, so it is always read.
  const names = attributeNames(destination, query.columns, 'id', ...(rel.kind === 'hasMany' ? [rel.destinationAttribute] : []));
  const columns = [...(tagged ? [`${parent} AS ${ident(PARENT)}`] : []), ...columnsOf(names, row)].join(', ');
  const where = condition.join(' AND ');
  if (query.take === undefined && query.skip === undefined) {
    return scope.params.finish(`SELECT ${columns} FROM ${from} WHERE ${where}${order ? ` ORDER BY ${order}` : ''}`);
  }
  const outer = [...(tagged ? [PARENT] : []), ...names].map(ident).join(', ');
  const skip = query.skip ?? 0;
  const window = [`${ident(ROW)} > ${scope.params.add(skip)}`];
  if (query.take !== undefined) window.push(`${ident(ROW)} <= ${scope.params.add(skip + query.take)}`);
  return scope.params.finish(
    `SELECT ${outer} FROM (SELECT ${columns}, row_number() OVER (PARTITION BY ${parent}${order ? ` ORDER BY ${order}` : ''}) AS ${ident(ROW)} ` +
      `FROM ${from} WHERE ${where}) AS ranked WHERE ${window.join(' AND ')} ORDER BY ${ident(ROW)}`,
  );
}
