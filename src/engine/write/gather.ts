import type { Client } from '../../db/delegate';
import { EVENT_COLUMNS, toStoredEvent, type StoredSnapshot } from '../../events/store';
import type { StoredEvent, Payload } from '../../events/types';
import type { Domain, KeyedRelationship, PolicyWhere } from '../../resource';
import { groupBy } from '../../util/group-by';
import { stableJson } from '../../util/stable-json';
import { readableWhere } from '../authorization';
import { foldSlice } from '../fold';
import type { RelatedRecord } from '../managed/plan-managed';
import type { RecordState } from '../record';
import { selectWhere } from '../sql/statements';
import type { FactNeed } from './facts';
import { placeholders, queryRows } from './sql';

type Need<K extends FactNeed['kind']> = Extract<FactNeed, { kind: K }>;
type Gathered = [FactNeed, unknown][];

/** Most records one statement names (two parameters each; PostgreSQL takes 65,535). */
const PER_STATEMENT = 10_000;

/**
 * Reads one round of facts inside the write transaction, in batches: the
 * stream heads to lock (one statement, in a fixed order so that writers
 * cannot deadlock on each other's heads), the streams to fold (one), and one
 * statement per resource and condition, lookup attribute, relationship or
 * dependents' key. Returns each need with its value.
 */
export async function gather(tx: Client, domain: Domain, needs: readonly FactNeed[]): Promise<Gathered> {
  const byKind = groupBy(needs, (n) => n.kind);
  const of = <K extends FactNeed['kind']>(kind: K) => (byKind.get(kind) ?? []) as Need<K>[];
  return [
    ...(await gatherStates(tx, domain, of('state'))),
    ...(await gatherMatches(tx, domain, of('matches'))),
    ...(await gatherLookups(tx, domain, of('lookup'))),
    ...(await gatherRelated(tx, domain, of('related'))),
    ...(await gatherChildren(tx, domain, of('children'))),
    ...(await gatherEvents(tx, of('event'))),
  ];
}

/**
 * Folds records from their streams. Heads of records written without an
 * expected version are locked first, in their own statement (under READ
 * COMMITTED a statement sees the data as of its start, so the fold must come
 * after the lock wait to see the events of the writer it waited for).
 */
async function gatherStates(tx: Client, domain: Domain, needs: Need<'state'>[]): Promise<Gathered> {
  if (needs.length === 0) return [];
  const locked = needs.filter((n) => n.lock).sort((a, b) => (a.resource + a.id < b.resource + b.id ? -1 : 1));
  for (let start = 0; start < locked.length; start += PER_STATEMENT) {
    const { list, values } = streamList(locked.slice(start, start + PER_STATEMENT));
    await tx.$queryRawUnsafe(
      `SELECT h.version FROM "StreamHead" h JOIN (VALUES ${list}) AS w(resource, "recordId") USING (resource, "recordId")
       ORDER BY h.resource, h."recordId" FOR UPDATE OF h`,
      ...values,
    );
  }
  const result: Gathered = [];
  for (let start = 0; start < needs.length; start += PER_STATEMENT) {
    const chunk = needs.slice(start, start + PER_STATEMENT);
    const slices = await readStreamSlices(tx, chunk);
    for (const need of chunk) {
      const slice = slices.get(`${need.resource} ${need.id}`) ?? { snapshot: null, events: [] };
      result.push([need, foldSlice(domain.resource(need.resource), slice)]);
    }
  }
  return result;
}

/** `($1::text, $2::uuid), ...` for a list of streams. */
function streamList(needs: readonly { resource: string; id: string }[]): { list: string; values: unknown[] } {
  const values: unknown[] = [];
  const list = needs.map((n) => {
    values.push(n.resource, n.id);
    return `($${values.length - 1}::text, $${values.length}::uuid)`;
  });
  return { list: list.join(', '), values };
}

/** One statement: each stream's latest snapshot and its events after it, oldest first. */
async function readStreamSlices(tx: Client, needs: readonly Need<'state'>[]): Promise<Map<string, { snapshot: StoredSnapshot | null; events: StoredEvent[] }>> {
  const { list, values } = streamList(needs);
  const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(
    `WITH wanted(resource, "recordId") AS (VALUES ${list}),
     snap AS (
       SELECT DISTINCT ON (s.resource, s."recordId") s.resource, s."recordId", s.version, s.state, s.hash, s."occurredAt"
       FROM "Snapshot" s JOIN wanted w USING (resource, "recordId")
       ORDER BY s.resource, s."recordId", s.version DESC
     )
     SELECT 'snapshot' AS kind, NULL AS id, NULL::bigint AS position, resource, "recordId"::text AS "recordId", version, NULL AS action,
            state AS payload, NULL::int AS "payloadVersion", NULL AS actor, NULL AS "correlationId", NULL AS "causationId", "occurredAt", hash
     FROM snap
     UNION ALL
     (SELECT 'event' AS kind, ${EVENT_COLUMNS} FROM "Event" e JOIN wanted w USING (resource, "recordId")
      LEFT JOIN snap s ON s.resource = e.resource AND s."recordId" = e."recordId"
      WHERE e.version > COALESCE(s.version, 0)
      ORDER BY e.resource, e."recordId", e.version)`,
    ...values,
  );
  const slices = new Map<string, { snapshot: StoredSnapshot | null; events: StoredEvent[] }>();
  for (const row of rows) {
    const key = `${row.resource as string} ${row.recordId as string}`;
    const slice = slices.get(key) ?? { snapshot: null, events: [] };
    slices.set(key, slice);
    if (row.kind === 'snapshot') {
      slice.snapshot = { version: row.version as number, state: row.payload as Payload, hash: row.hash as string, occurredAt: row.occurredAt as Date };
    } else {
      slice.events.push(toStoredEvent(row));
    }
  }
  return slices;
}

/** Which rows meet a condition: one statement per resource and condition. */
async function gatherMatches(tx: Client, domain: Domain, needs: Need<'matches'>[]): Promise<Gathered> {
  const result: Gathered = [];
  for (const group of groupBy(needs, (n) => `${n.resource} ${stableJson(n.where)}`).values()) {
    const { resource, where } = group[0]!;
    const ids = [...new Set(group.map((n) => n.id))];
    const rows = await queryRows(tx, selectWhere(domain, domain.resource(resource), readableWhere(where, { id: { in: ids } }), [], { columns: ['id'] }));
    const found = new Set(rows.map((row) => row.id as string));
    for (const need of group) result.push([need, found.has(need.id)]);
  }
  return result;
}

/** Readable rows by a key: one statement per resource and attribute. */
async function gatherLookups(tx: Client, domain: Domain, needs: Need<'lookup'>[]): Promise<Gathered> {
  const result: Gathered = [];
  for (const group of groupBy(needs, (n) => `${n.resource} ${n.attribute}`).values()) {
    const { resource, attribute, readable } = group[0]!;
    const where = readableWhere(readable, { [attribute]: { in: [...new Set(group.map((n) => n.value))] } });
    const rows = (await queryRows(tx, selectWhere(domain, domain.resource(resource), where, []))) as RecordState[];
    const byValue = new Map(rows.map((row) => [stableJson(row[attribute]), row]));
    for (const need of group) result.push([need, byValue.get(stableJson(need.value)) ?? null]);
  }
  return result;
}

/** Records related to parents: one statement per relationship (two for a manyToMany: its join records, then the destinations). */
async function gatherRelated(tx: Client, domain: Domain, needs: Need<'related'>[]): Promise<Gathered> {
  const result: Gathered = [];
  for (const group of groupBy(needs, (n) => `${n.resource} ${n.relationship}`).values()) {
    const { resource, relationship, readable } = group[0]!;
    const rel = domain.resource(resource).relationshipByName.get(relationship) as KeyedRelationship;
    const parents = [...new Set(group.map((n) => n.parentId))];
    const related = await relatedTo(tx, domain, rel, parents, readable);
    for (const need of group) result.push([need, related.get(need.parentId) ?? []]);
  }
  return result;
}

async function relatedTo(tx: Client, domain: Domain, rel: KeyedRelationship, parents: string[], readable: PolicyWhere | null): Promise<Map<string, RelatedRecord[]>> {
  const destination = domain.resource(rel.destination);
  const byParent = new Map<string, RelatedRecord[]>();
  const add = (parent: string, related: RelatedRecord) => byParent.set(parent, [...(byParent.get(parent) ?? []), related]);
  const byId = [{ id: 'asc' as const }];
  switch (rel.kind) {
    case 'belongsTo':
      throw new Error(`${rel.name}: a belongsTo's related record is a lookup by id, not a related fact.`);
    case 'hasOne':
    case 'hasMany': {
      const where = readableWhere(readable, { [rel.destinationAttribute]: { in: parents } });
      const rows = (await queryRows(tx, selectWhere(domain, destination, where, byId))) as RecordState[];
      for (const record of rows) add(record[rel.destinationAttribute] as string, { record });
      return byParent;
    }
    case 'manyToMany': {
      const through = domain.resource(rel.through);
      const links = (await queryRows(tx, selectWhere(domain, through, { [rel.sourceAttributeOnJoinResource]: { in: parents } }, byId))) as RecordState[];
      const ids = [...new Set(links.map((link) => link[rel.destinationAttributeOnJoinResource] as string))];
      const records = ids.length === 0 ? new Map<string, RecordState>()
        : new Map(((await queryRows(tx, selectWhere(domain, destination, readableWhere(readable, { id: { in: ids } }), []))) as RecordState[]).map((r) => [r.id, r]));
      for (const link of links) {
        const record = records.get(link[rel.destinationAttributeOnJoinResource] as string);
        if (record) add(link[rel.sourceAttributeOnJoinResource] as string, { record, link });
      }
      return byParent;
    }
  }
}

/** Ids of the rows pointing at parents through a key: one statement per resource and key. */
async function gatherChildren(tx: Client, domain: Domain, needs: Need<'children'>[]): Promise<Gathered> {
  const result: Gathered = [];
  for (const group of groupBy(needs, (n) => `${n.resource} ${n.attribute}`).values()) {
    const { resource, attribute } = group[0]!;
    const where = { [attribute]: { in: [...new Set(group.map((n) => n.parentId))] } };
    const rows = await queryRows(tx, selectWhere(domain, domain.resource(resource), where, [{ id: 'asc' }], { columns: ['id', attribute] }));
    const byParent = groupBy(rows, (row) => row[attribute] as string);
    for (const need of group) result.push([need, (byParent.get(need.parentId) ?? []).map((row) => row.id as string)]);
  }
  return result;
}

/** Events by id (link targets): one statement. */
async function gatherEvents(tx: Client, needs: Need<'event'>[]): Promise<Gathered> {
  if (needs.length === 0) return [];
  const ids = needs.map((n) => n.id);
  const rows = await queryRows(tx, {
    text: `SELECT id::text AS id, resource, "recordId"::text AS "recordId" FROM "Event" WHERE id IN (${placeholders(ids.length)})`, values: ids,
  });
  const byId = new Map(rows.map((row) => [row.id as string, { resource: row.resource as string, recordId: row.recordId as string }]));
  return needs.map((need) => [need, byId.get(need.id) ?? null]);
}
