import type DataLoader from 'dataloader';
import { modelDelegate } from '../db/delegate';
import type { RecordState } from '../engine/record';
import type { PrismaClient } from '../generated/prisma/client';
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
  prisma: PrismaClient,
  rel: Polymorphic,
  byId: (resource: string) => DataLoader<string, RecordState | null>,
  ids: readonly string[],
): Promise<TaggedRecord[][]> {
  const { model, sourceAttribute, typeAttribute, idAttribute, orderAttribute } = rel.storage;
  const pairs = await modelDelegate(prisma, model).findMany({
    where: { [sourceAttribute]: { in: [...ids] }, [typeAttribute]: { in: [...rel.destinations] } },
    orderBy: [{ [orderAttribute]: 'asc' }, { [idAttribute]: 'asc' }],
  });
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
