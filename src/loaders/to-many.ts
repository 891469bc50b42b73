import type { SqlReader } from '../db/sql-reader';
import type { RecordState } from '../engine/record';
import type { RelationQuery } from '../engine/relation-query';
import { PARENT, selectByKeys, selectToMany } from '../engine/sql/statements';
import type { Domain, HasMany, HasOne, ManyToMany } from '../resource';

/**
 * Destination records of a hasMany / manyToMany for each parent id, in ONE
 * SQL statement for all parents (see `selectToMany`: filter, sort, and limit /
 * offset per parent through a window function). A manyToMany reads its join
 * records with their destinations joined in.
 */
export async function loadToMany(
  sql: SqlReader,
  domain: Domain,
  rel: HasMany | ManyToMany,
  query: RelationQuery,
  ids: readonly string[],
): Promise<RecordState[][]> {
  const statement = selectToMany(domain, rel, query, ids);
  const rows = await sql.query(statement.text, statement.values);
  const byParent = new Map<string, RecordState[]>(ids.map((id) => [id, []]));
  if (rel.kind === 'hasMany') {
    for (const row of rows) byParent.get(row[rel.destinationAttribute] as string)?.push(row as RecordState);
  } else {
    for (const { [PARENT]: parent, ...record } of rows) byParent.get(parent as string)?.push(record as RecordState);
  }
  return ids.map((id) => byParent.get(id)!);
}

/** The destination record of a hasOne for each parent id (null when none): one statement. */
export async function loadHasOne(
  sql: SqlReader,
  domain: Domain,
  rel: HasOne,
  ids: readonly string[],
  /** The destination's read filter (null: none). */
  readable: Readonly<Record<string, unknown>> | null,
): Promise<(RecordState | null)[]> {
  const statement = selectByKeys(domain, domain.resource(rel.destination), rel.destinationAttribute, ids, readable);
  const rows = (await sql.query(statement.text, statement.values)) as RecordState[];
  const byParent = new Map(rows.map((row) => [row[rel.destinationAttribute] as string, row]));
  return ids.map((id) => byParent.get(id) ?? null);
}
