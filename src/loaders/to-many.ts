import { modelDelegate } from '../db/delegate';
import type { RecordState } from '../engine/record';
import type { RelationQuery } from '../engine/relation-query';
import type { PrismaClient } from '../generated/prisma/client';
import type { Domain, HasMany, HasOne, ManyToMany } from '../resource';

/**
 * Destination records of a hasMany / manyToMany for each parent id, in ONE
 * SQL statement. Without limit / offset it is a plain `key IN (...)` query on
 * the destination (or join) table, grouped here; with them, the parents are
 * read with their related records as a relation join (Prisma
 * `relationLoadStrategy: 'join'`, a LATERAL subquery per parent), so limit
 * and offset apply per parent. A manyToMany goes through its join records
 * and keeps their destination.
 */
export async function loadToMany(
  prisma: PrismaClient,
  domain: Domain,
  rel: HasMany | ManyToMany,
  query: RelationQuery,
  ids: readonly string[],
): Promise<RecordState[][]> {
  if (query.take === undefined && query.skip === undefined) return loadToManyByKey(prisma, domain, rel, query, ids);
  const field = rel.kind === 'manyToMany' ? rel.joinRelationship : rel.name;
  const rows = await modelDelegate(prisma, domain.resource(rel.source).model).findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, [field]: rel.kind === 'manyToMany' ? throughJoinRecords(rel, query) : query },
    relationLoadStrategy: 'join',
  });
  const byParent = new Map<string, RecordState[]>();
  for (const row of rows) {
    const related = row[field] as Record<string, unknown>[];
    byParent.set(
      row.id as string,
      (rel.kind === 'manyToMany' ? related.map((link) => link[rel.joinDestinationRelationship]) : related) as RecordState[],
    );
  }
  return ids.map((id) => byParent.get(id) ?? []);
}

/** Unpaged loads: the related rows of every parent in one `IN` query, in the field's order, grouped by key. */
async function loadToManyByKey(
  prisma: PrismaClient,
  domain: Domain,
  rel: HasMany | ManyToMany,
  query: RelationQuery,
  ids: readonly string[],
): Promise<RecordState[][]> {
  const byParent = new Map<string, RecordState[]>(ids.map((id) => [id, []]));
  if (rel.kind === 'hasMany') {
    const rows = (await modelDelegate(prisma, domain.resource(rel.destination).model).findMany({
      where: { AND: [{ [rel.destinationAttribute]: { in: [...ids] } }, query.where] },
      orderBy: query.orderBy,
    })) as RecordState[];
    for (const row of rows) byParent.get(row[rel.destinationAttribute] as string)?.push(row);
  } else {
    const through = throughJoinRecords(rel, query);
    const links = await modelDelegate(prisma, domain.resource(rel.through).model).findMany({
      where: { AND: [{ [rel.sourceAttributeOnJoinResource]: { in: [...ids] } }, through.where] },
      orderBy: through.orderBy,
      select: { [rel.sourceAttributeOnJoinResource]: true, ...through.select },
      relationLoadStrategy: 'join',
    });
    for (const link of links) {
      byParent.get(link[rel.sourceAttributeOnJoinResource] as string)?.push(link[rel.joinDestinationRelationship] as RecordState);
    }
  }
  return ids.map((id) => byParent.get(id)!);
}

/** The same query, asked of the join records' destinations. */
function throughJoinRecords(rel: ManyToMany, query: RelationQuery) {
  const to = rel.joinDestinationRelationship;
  return {
    where: { [to]: { is: query.where } },
    orderBy: query.orderBy.map((order) => ({ [to]: order })),
    take: query.take,
    skip: query.skip,
    select: { [to]: true },
  };
}

/** The destination record of a hasOne for each parent id (null when none): one statement. */
export async function loadHasOne(prisma: PrismaClient, domain: Domain, rel: HasOne, ids: readonly string[]): Promise<(RecordState | null)[]> {
  const rows = (await modelDelegate(prisma, domain.resource(rel.destination).model).findMany({
    where: { [rel.destinationAttribute]: { in: [...ids] } },
  })) as RecordState[];
  const byParent = new Map(rows.map((row) => [row[rel.destinationAttribute] as string, row]));
  return ids.map((id) => byParent.get(id) ?? null);
}
