import { column, ident, SqlParams } from '../../db/sql-params';
import type { Domain, Resource } from '../../resource';
import type { SqlStatement } from './statements';
import { sqlScope, whereSql } from './where';

type Where = Record<string, unknown>;

/** Columns of a row of `selectAnyById`: the resource's name and the record's attributes as JSON. */
export interface AnyByIdRow {
  readonly resource: string;
  readonly record: Record<string, unknown>;
}

/**
 * The record with this id, whatever its resource, in ONE statement: a
 * `UNION ALL` of a by-id select per resource table, each with that resource's
 * read filter (`readWhere`, null: every row is readable), so a record the
 * actor may not read is not found. Ids are UUIDs minted by the engine, unique
 * across resources, so at most one row comes back. Each record comes as the
 * JSON object of its attribute columns (date-times as ISO strings).
 */
export function selectAnyById(domain: Domain, id: string, readWhere: (resource: Resource) => Where | null): SqlStatement {
  const scope = sqlScope(domain, new SqlParams());
  const key = scope.params.add(id);
  const branches = domain.resources.map((resource) => {
    const row = scope.alias();
    const found = scope.alias();
    const where = readWhere(resource);
    const conditions = [`${column(row, 'id')} = ${key}::uuid`, ...(where ? [whereSql(scope, resource, where, row)] : [])];
    const columns = resource.attributes.map((a) => column(row, a.name)).join(', ');
    return `SELECT ${scope.params.add(resource.name)}::text AS resource, to_jsonb(${found}) AS record ` +
      `FROM (SELECT ${columns} FROM ${ident(resource.model)} AS ${row} WHERE ${conditions.join(' AND ')}) AS ${found}`;
  });
  return scope.params.finish(branches.join(' UNION ALL '));
}
