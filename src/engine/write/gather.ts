import { slicesOf, streamKey, streamSlicesStatement } from '../../events/store';
import type { Payload } from '../../events/types';
import type { Domain, KeyedRelationship, PolicyWhere, Resource } from '../../resource';
import { groupBy } from '../../util/group-by';
import { stableJson } from '../../util/stable-json';
import { readableWhere, type Authorization } from '../authorization';
import { foldSlice } from '../fold';
import type { RelatedRecord } from '../managed/plan-managed';
import { decodeJson, type RecordState } from '../record';
import { SqlParams } from '../../db/sql-params';
import { eventVisibility } from '../sql/event-visibility';
import { selectWhere } from '../sql/statements';
import type { FactNeed } from './facts';
import { combinedReads, type Read } from './combined-reads';
import { queryRows, type Connection } from './sql';

type Need<K extends FactNeed['kind']> = Extract<FactNeed, { kind: K }>;
type Gathered = [FactNeed, unknown][];

/** Most records one statement names (two parameters each; PostgreSQL takes 65,535). */
const PER_STATEMENT = 10_000;

/**
 * Reads one round of facts (inside the write transaction, or on their own for
 * an optimistic unit of work): the stream heads to lock first, in their own
 * statement and in a fixed order (so writers cannot deadlock on each other's
 * heads, and so what is read after sees the writers waited for), then every
 * other fact in ONE statement (see combinedReads): the streams to fold, and
 * per resource and condition, lookup attribute, relationship or dependents'
 * key, a query of it; a manyToMany's destinations in one more. Returns each
 * need with its value.
 */
export async function gather(client: Connection, domain: Domain, needs: readonly FactNeed[], authorization: Authorization): Promise<Gathered> {
  const byKind = groupBy(needs, (n) => n.kind);
  const of = <K extends FactNeed['kind']>(kind: K) => (byKind.get(kind) ?? []) as Need<K>[];
  await lockHeads(client, of('state').filter((n) => n.lock));
  const read = combinedReads(client);
  const parts = await Promise.all([
    gatherStates(read, domain, of('state')),
    gatherMatches(read, domain, of('matches')),
    gatherLookups(read, domain, of('lookup')),
    gatherRelated(read, domain, of('related')),
    gatherChildren(read, domain, of('children')),
    gatherEvents(read, domain, authorization, of('event')),
  ]);
  return parts.flat();
}

/**
 * Locks the heads of records written without an expected version, in their
 * own statement: under READ COMMITTED a statement sees the data as of its
 * start, so the folds must come in a later one to see the events of the
 * writer the lock waited for.
 */
async function lockHeads(client: Connection, needs: readonly Need<'state'>[]): Promise<void> {
  const locked = [...needs].sort((a, b) => (a.resource + a.id < b.resource + b.id ? -1 : 1));
  for (let start = 0; start < locked.length; start += PER_STATEMENT) {
    const { list, values } = streamList(locked.slice(start, start + PER_STATEMENT));
    await queryRows(client, {
      text: `SELECT h.version FROM "StreamHead" h JOIN (VALUES ${list}) AS w(resource, "recordId") USING (resource, "recordId")
       ORDER BY h.resource, h."recordId" FOR UPDATE OF h`,
      values,
    });
  }
}

/** Folds records from their streams (their heads locked before, see lockHeads). */
async function gatherStates(read: Read, domain: Domain, needs: Need<'state'>[]): Promise<Gathered> {
  const chunks = new Map<string, Need<'state'>[]>();
  for (let start = 0; start < needs.length; start += PER_STATEMENT) chunks.set(String(start), needs.slice(start, start + PER_STATEMENT));
  return eachGroup(chunks, async (chunk) => {
    const slices = slicesOf(await read(streamSlicesStatement(chunk.map((n) => ({ resource: n.resource, recordId: n.id })))));
    return chunk.map((need) => [need, foldSlice(domain.resource(need.resource), slices.get(streamKey(need.resource, need.id)) ?? { snapshot: null, events: [] })]);
  });
}

/** Rows as record states, by id (a combined read's come as JSON, in no set order: date-times as strings). */
function recordsOf(resource: Resource, rows: readonly Record<string, unknown>[]): RecordState[] {
  return byId(rows.map((row) => decodeJson((name) => resource.attributeByName.get(name), row as Payload) as RecordState));
}

const byId = <R extends Record<string, unknown>>(rows: R[]): R[] => rows.sort((a, b) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0));

/** `($1::text, $2::uuid), ...` for a list of streams. */
function streamList(needs: readonly { resource: string; id: string }[]): { list: string; values: unknown[] } {
  const values: unknown[] = [];
  const list = needs.map((n) => {
    values.push(n.resource, n.id);
    return `($${values.length - 1}::text, $${values.length}::uuid)`;
  });
  return { list: list.join(', '), values };
}

/** Which rows meet a condition: one statement per resource and condition. */
async function gatherMatches(read: Read, domain: Domain, needs: Need<'matches'>[]): Promise<Gathered> {
  return eachGroup(groupsOf(needs, (n) => `${n.resource} ${stableJson(n.where)}`), async (group) => {
    const { resource, where } = group[0]!;
    const ids = [...new Set(group.map((n) => n.id))];
    const rows = await read(selectWhere(domain, domain.resource(resource), readableWhere(where, { id: { in: ids } }), [], { columns: ['id'] }));
    const found = new Set(rows.map((row) => row.id as string));
    return group.map((need) => [need, found.has(need.id)]);
  });
}

/** `needs` grouped by `keyOf`, a group of more than PER_STATEMENT split (one query names at most that many records). */
function groupsOf<N>(needs: readonly N[], keyOf: (need: N) => string): Map<string, N[]> {
  const groups = new Map<string, N[]>();
  for (const [key, group] of groupBy(needs, keyOf)) {
    for (let start = 0; start < group.length; start += PER_STATEMENT) groups.set(`${key} ${start}`, group.slice(start, start + PER_STATEMENT));
  }
  return groups;
}

/** Runs `gather` on every group at once (their reads go out together, see combinedReads). */
async function eachGroup<N>(groups: Map<string, N[]>, gather: (group: N[]) => Promise<Gathered>): Promise<Gathered> {
  return (await Promise.all([...groups.values()].map(gather))).flat();
}

/** Readable rows by a key: one statement per resource and attribute. */
async function gatherLookups(read: Read, domain: Domain, needs: Need<'lookup'>[]): Promise<Gathered> {
  return eachGroup(groupsOf(needs, (n) => `${n.resource} ${n.attribute}`), async (group) => {
    const { resource, attribute, readable } = group[0]!;
    const where = readableWhere(readable, { [attribute]: { in: [...new Set(group.map((n) => n.value))] } });
    const rows = recordsOf(domain.resource(resource), await read(selectWhere(domain, domain.resource(resource), where, [])));
    const byValue = new Map(rows.map((row) => [stableJson(row[attribute]), row]));
    return group.map((need) => [need, byValue.get(stableJson(need.value)) ?? null]);
  });
}

/** Records related to parents: one statement per relationship (two for a manyToMany: its join records, then the destinations). */
async function gatherRelated(read: Read, domain: Domain, needs: Need<'related'>[]): Promise<Gathered> {
  return eachGroup(groupsOf(needs, (n) => `${n.resource} ${n.relationship}`), async (group) => {
    const { resource, relationship, readable } = group[0]!;
    const rel = domain.resource(resource).relationshipByName.get(relationship) as KeyedRelationship;
    const parents = [...new Set(group.map((n) => n.parentId))];
    const related = await relatedTo(read, domain, rel, parents, readable);
    return group.map((need) => [need, related.get(need.parentId) ?? []]);
  });
}

async function relatedTo(read: Read, domain: Domain, rel: KeyedRelationship, parents: string[], readable: PolicyWhere | null): Promise<Map<string, RelatedRecord[]>> {
  const destination = domain.resource(rel.destination);
  const byParent = new Map<string, RelatedRecord[]>();
  const add = (parent: string, related: RelatedRecord) => byParent.set(parent, [...(byParent.get(parent) ?? []), related]);
  const idOrder = [{ id: 'asc' as const }];
  switch (rel.kind) {
    case 'belongsTo':
      throw new Error(`${rel.name}: a belongsTo's related record is a lookup by id, not a related fact.`);
    case 'hasOne':
    case 'hasMany': {
      const where = readableWhere(readable, { [rel.destinationAttribute]: { in: parents } });
      const rows = recordsOf(destination, await read(selectWhere(domain, destination, where, idOrder)));
      for (const record of rows) add(record[rel.destinationAttribute] as string, { record });
      return byParent;
    }
    case 'manyToMany': {
      const through = domain.resource(rel.through);
      // Only links to readable destinations: a link to a hidden record must cost what no link costs (no second read).
      const toDestination = through.relationships.find((r) => r.kind === 'belongsTo' && r.sourceAttribute === rel.destinationAttributeOnJoinResource);
      const ofParents = { [rel.sourceAttributeOnJoinResource]: { in: parents } };
      const linkWhere = readable && toDestination ? { AND: [ofParents, { [toDestination.name]: { is: readable } }] } : ofParents;
      const links = recordsOf(through, await read(selectWhere(domain, through, linkWhere, idOrder)));
      const ids = [...new Set(links.map((link) => link[rel.destinationAttributeOnJoinResource] as string))];
      const records = ids.length === 0 ? new Map<string, RecordState>()
        : new Map(recordsOf(destination, await read(selectWhere(domain, destination, readableWhere(readable, { id: { in: ids } }), []))).map((r) => [r.id, r]));
      for (const link of links) {
        const record = records.get(link[rel.destinationAttributeOnJoinResource] as string);
        if (record) add(link[rel.sourceAttributeOnJoinResource] as string, { record, link });
      }
      return byParent;
    }
  }
}

/** Ids of the rows pointing at parents through a key: one statement per resource and key. */
async function gatherChildren(read: Read, domain: Domain, needs: Need<'children'>[]): Promise<Gathered> {
  return eachGroup(groupsOf(needs, (n) => `${n.resource} ${n.attribute}`), async (group) => {
    const { resource, attribute } = group[0]!;
    const where = { [attribute]: { in: [...new Set(group.map((n) => n.parentId))] } };
    const rows = byId(await read(selectWhere(domain, domain.resource(resource), where, [{ id: 'asc' }], { columns: ['id', attribute] })));
    const byParent = groupBy(rows, (row) => row[attribute] as string);
    return group.map((need) => [need, (byParent.get(need.parentId) ?? []).map((row) => row.id as string)]);
  });
}

/** Events by id (link targets) that the actor may see (as `events` shows them): one statement, whatever makes one invisible. */
async function gatherEvents(read: Read, domain: Domain, authorization: Authorization, needs: Need<'event'>[]): Promise<Gathered> {
  if (needs.length === 0) return [];
  const params = new SqlParams();
  const visible = eventVisibility(domain, authorization);
  const ids = needs.map((n) => params.add(n.id));
  const rows = await read(params.finish(
    `SELECT e.id::text AS id, e.resource, e."recordId"::text AS "recordId" FROM "Event" AS e WHERE e.id IN (${ids.join(', ')})${visible ? ` AND ${visible(params, 'e')}` : ''}`,
  ));
  const byId = new Map(rows.map((row) => [row.id as string, { resource: row.resource as string, recordId: row.recordId as string }]));
  return needs.map((need) => [need, byId.get(need.id) ?? null]);
}
