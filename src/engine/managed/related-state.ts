import { modelDelegate, type Client } from '../../db/delegate';
import type { Domain, KeyedRelationship, PolicyWhere } from '../../resource';
import { readableWhere } from '../authorization';
import type { RecordState } from '../record';
import { lookupKey, type ManagedState, type RelatedRecord } from './plan-managed';
import type { ManagedEntry } from './entries';

/**
 * What planning one managed argument needs from the database, read inside the
 * write transaction: the records related to the parent now (with their join
 * records for a manyToMany) and the existing destination records the entries
 * name by a lookup key. `parent` is null for a create (nothing related yet).
 */
export async function readManagedState(
  tx: Client,
  domain: Domain,
  rel: KeyedRelationship,
  parent: RecordState | null,
  entries: readonly ManagedEntry[],
  /**
   * The destination records the actor may read (null: all). A lookup finds
   * only those, so relating needs read access; and only those count as
   * related now, so a plan never matches, unrelates or destroys a record the
   * actor cannot see (nor reveals one in an error).
   */
  readable: PolicyWhere | null,
  /**
   * The related records as an earlier argument of the same action on the same
   * relationship left them (see related-after.ts); read from the database when absent.
   */
  known?: readonly RelatedRecord[],
): Promise<ManagedState> {
  const destination = modelDelegate(tx, domain.resource(rel.destination).model);
  const current = known ?? (parent ? await currentRelated(tx, domain, rel, parent, readable) : []);
  const found = new Map<string, RecordState>();
  const byAttribute = new Map<string, unknown[]>();
  for (const entry of entries) {
    if (entry.lookup) byAttribute.set(entry.lookup.attribute, [...(byAttribute.get(entry.lookup.attribute) ?? []), entry.lookup.value]);
  }
  for (const [attribute, values] of byAttribute) {
    const rows = (await destination.findMany({ where: readableWhere(readable, { [attribute]: { in: values } }) })) as RecordState[];
    for (const row of rows) found.set(lookupKey(attribute, row[attribute]), row);
  }
  return { current, found };
}

async function currentRelated(tx: Client, domain: Domain, rel: KeyedRelationship, parent: RecordState, readable: PolicyWhere | null): Promise<RelatedRecord[]> {
  const destination = modelDelegate(tx, domain.resource(rel.destination).model);
  switch (rel.kind) {
    case 'belongsTo': {
      const key = parent[rel.sourceAttribute] as string | null;
      const records = key ? ((await destination.findMany({ where: readableWhere(readable, { id: key }) })) as RecordState[]) : [];
      return records.map((record) => ({ record }));
    }
    case 'hasOne':
    case 'hasMany': {
      const rows = await destination.findMany({ where: readableWhere(readable, { [rel.destinationAttribute]: parent.id }), orderBy: { id: 'asc' } });
      return (rows as RecordState[]).map((record) => ({ record }));
    }
    case 'manyToMany': {
      const links = (await modelDelegate(tx, domain.resource(rel.through).model).findMany({
        where: { [rel.sourceAttributeOnJoinResource]: parent.id },
        orderBy: { id: 'asc' },
      })) as RecordState[];
      const ids = links.map((link) => link[rel.destinationAttributeOnJoinResource] as string);
      const records = new Map(((await destination.findMany({ where: readableWhere(readable, { id: { in: ids } }) })) as RecordState[]).map((r) => [r.id, r]));
      return links.flatMap((link) => {
        const record = records.get(link[rel.destinationAttributeOnJoinResource] as string);
        return record ? [{ record, link }] : [];
      });
    }
  }
}
