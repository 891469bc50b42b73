import DataLoader from 'dataloader';
import { modelDelegate } from '../db/delegate';
import type { RecordState } from '../engine/record';
import type { PrismaClient } from '../generated/prisma/client';
import type { Domain, HasMany } from '../resource';
import type { RelationQuery } from '../engine/relation-query';

/**
 * Per-request DataLoaders: one statement per relationship per level, never
 * per parent. Create one registry per request; never share it between
 * requests (its caches hold what that request's actor may read).
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly prisma: PrismaClient, private readonly domain: Domain) {}

  /** Records of `resource` by id; null for an id that does not exist. */
  byId(resource: string): DataLoader<string, RecordState | null> {
    return this.loader(`byId:${resource}`, async (ids) => {
      const rows = await this.findWhere(resource, { id: { in: [...ids] } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /**
   * Destination records of a hasMany, by source id; [] when none. One SQL
   * statement per batch: filter, sort, limit and offset apply per parent
   * through a LATERAL join. `cacheKey` identifies the field arguments, so two
   * aliases with different arguments get different loaders.
   */
  hasMany(rel: HasMany, query: RelationQuery, cacheKey: string): DataLoader<string, RecordState[]> {
    return this.loader(`hasMany:${rel.source}.${rel.name}:${cacheKey}`, async (ids) => {
      const parent = this.domain.resource(rel.source);
      const rows = await modelDelegate(this.prisma, parent.model).findMany({
        where: { id: { in: [...ids] } },
        select: { id: true, [rel.name]: query },
        relationLoadStrategy: 'join',
      });
      const byParent = new Map(rows.map((row) => [row.id as string, row[rel.name] as RecordState[]]));
      return ids.map((id) => byParent.get(id) ?? []);
    });
  }

  /** Forgets everything loaded so far; called after each write so later reads see it. */
  clearAll(): void {
    for (const loader of this.loaders.values()) loader.clearAll();
  }

  private async findWhere(resource: string, where: Record<string, unknown>): Promise<RecordState[]> {
    const delegate = modelDelegate(this.prisma, this.domain.resource(resource).model);
    return (await delegate.findMany({ where, orderBy: { id: 'asc' } })) as RecordState[];
  }

  private loader<V>(key: string, batch: (ids: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    let loader = this.loaders.get(key) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(batch);
      this.loaders.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }
}
