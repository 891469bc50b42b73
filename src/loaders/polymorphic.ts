import type DataLoader from 'dataloader';
import type { SqlReader } from '../db/sql-reader';
import type { RecordState } from '../engine/record';
import { column, ident } from '../db/sql-params';
import type { Polymorphic } from '../resource';

/** Marks which resource a record of a polymorphic relationship belongs to (GraphQL union resolution). */
export const RESOURCE_OF = Symbol('resource');

export type TaggedRecord = RecordState & { readonly [RESOURCE_OF]: string };

/**
 * Targets of a polymorphic relationship for each parent id: one statement for
 * the (type, id) pairs of all parents, then one batched statement per target
 * resource (through the by-id loaders, shared with the rest of the request).
 * Pairs whose target no longer exists are left out.
 */
export async function loadPolymorphic(
  sql: SqlReader,
  rel: Polymorphic,
  byId: (resource: string) => DataLoader<string, RecordState | null>,
  ids: readonly string[],
): Promise<TaggedRecord[][]> {
  const { model, sourceAttribute, typeAttribute, idAttribute, orderAttribute } = rel.storage;
  const pairs = await sql.query(
    `SELECT p.* FROM ${ident(model)} AS p WHERE ${column('p', sourceAttribute)} = ANY($1::uuid[]) ` +
      `AND ${column('p', typeAttribute)} = ANY($2::text[]) ORDER BY ${column('p', orderAttribute)}, ${column('p', idAttribute)}`,
    [ids, rel.destinations],
  );
  const targets = await Promise.all(
    pairs.map((pair) => byId(pair[typeAttribute] as string).load(pair[idAttribute] as string)),
  );
  const byParent = new Map<string, TaggedRecord[]>(ids.map((id) => [id, []]));
  pairs.forEach((pair, i) => {
    const target = targets[i];
    if (target) byParent.get(pair[sourceAttribute] as string)?.push({ ...target, [RESOURCE_OF]: pair[typeAttribute] as string });
  });
  return ids.map((id) => byParent.get(id)!);
}
