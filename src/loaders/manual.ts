import type { RecordState } from '../engine/record';
import { pageOf, type RelationQuery } from '../engine/relation-query';
import type { Manual } from '../resource';

export interface ManualCall {
  readonly db: unknown;
  readonly actor: string | null;
  readonly args: Readonly<Record<string, unknown>>;
  readonly query: RelationQuery;
}

/**
 * Calls a manual relationship's `load` once for the whole batch of parents
 * and hands each parent its records (offset / limit applied per parent). A
 * parent missing from the returned map has none; a parent mapped to an Error
 * gets that error alone; a `load` that throws fails the batch.
 */
export async function loadManual(rel: Manual, call: ManualCall, parents: readonly RecordState[]): Promise<(RecordState[] | Error)[]> {
  const grouped = await rel.load(parents, {
    args: call.args,
    where: call.query.where,
    orderBy: call.query.orderBy,
    db: call.db,
    actor: call.actor,
  });
  if (!(grouped instanceof Map)) {
    throw new TypeError(`${rel.source}.${rel.name}: load() must return a Map from parent id to records.`);
  }
  return parents.map((parent) => {
    const records = grouped.get(parent.id);
    if (records instanceof Error) return records;
    return pageOf((records ?? []) as RecordState[], call.query);
  });
}
