import DataLoader from 'dataloader';
import { modelDelegate } from '../db/delegate';
import { InvalidQueryInput, isUuid } from '../engine/query-errors';
import type { RecordState } from '../engine/record';
import type { RelationQuery } from '../engine/relation-query';
import type { PrismaClient } from '../generated/prisma/client';
import type { Domain, HasMany, HasOne, Manual, ManyToMany, NoAttributes, Polymorphic } from '../resource';
import { loadByParentFilter } from './by-parent-filter';
import { loadManual, type ManualCall } from './manual';
import { loadPolymorphic, type TaggedRecord } from './polymorphic';
import { loadHasOne, loadToMany } from './to-many';

/** Loaders keyed by a parent record use its id as the cache key. */
const byRecordId = { cacheKeyFn: (record: RecordState) => record.id };

/**
 * Per-request DataLoaders: one statement per relationship per level, never
 * per parent. Create one registry per request; never share it between
 * requests (its caches hold what that request's actor may read).
 *
 * `cacheKey` identifies a field's arguments, so two aliases of one
 * relationship with different arguments get different loaders. Results come
 * back in key order; a missing key is null / []; a key that fails (e.g. a
 * malformed id, or a manual load mapping it to an Error) is an error for that
 * key alone.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown, unknown>>();

  constructor(private readonly prisma: PrismaClient, private readonly domain: Domain) {}

  /** Records of `resource` by id; null for an id that does not exist. */
  byId(resource: string): DataLoader<string, RecordState | null> {
    return this.loader(`byId:${resource}`, async (ids: readonly string[]): Promise<(RecordState | null | Error)[]> => {
      const valid = ids.filter((id) => isUuid(id));
      const rows = valid.length === 0 ? [] : await this.findWhere(resource, { id: { in: valid } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => (isUuid(id) ? (byId.get(id) ?? null) : new InvalidQueryInput(`Not a valid ${resource} id: ${JSON.stringify(id)}.`, ['id'])));
    });
  }

  /** The destination record of a hasOne by source id; null when none. */
  hasOne(rel: HasOne): DataLoader<string, RecordState | null> {
    return this.loader(`hasOne:${rel.source}.${rel.name}`, (ids: readonly string[]) => loadHasOne(this.prisma, this.domain, rel, ids));
  }

  /** Destination records of a hasMany / manyToMany by source id; [] when none. */
  toMany(rel: HasMany | ManyToMany, query: RelationQuery, cacheKey: string): DataLoader<string, RecordState[]> {
    return this.loader(`toMany:${rel.source}.${rel.name}:${cacheKey}`, (ids: readonly string[]) =>
      loadToMany(this.prisma, this.domain, rel, query, ids),
    );
  }

  /** Records related by a noAttributes filter, by parent record. */
  noAttributes(rel: NoAttributes, query: RelationQuery, cacheKey: string): DataLoader<RecordState, RecordState[], string> {
    return this.loader(
      `noAttributes:${rel.source}.${rel.name}:${cacheKey}`,
      (parents: readonly RecordState[]) => loadByParentFilter(this.prisma, this.domain, rel, query, parents),
      byRecordId,
    );
  }

  /** Records of a manual relationship, by parent record; `load` runs once per batch. */
  manual(rel: Manual, call: Omit<ManualCall, 'db'>, cacheKey: string): DataLoader<RecordState, RecordState[], string> {
    return this.loader(
      `manual:${rel.source}.${rel.name}:${cacheKey}`,
      (parents: readonly RecordState[]) => loadManual(rel, { ...call, db: this.prisma }, parents),
      byRecordId,
    );
  }

  /** Targets of a polymorphic relationship by source id, each tagged with its resource. */
  polymorphic(rel: Polymorphic): DataLoader<string, TaggedRecord[]> {
    return this.loader(`polymorphic:${rel.source}.${rel.name}`, (ids: readonly string[]) =>
      loadPolymorphic(this.prisma, rel, (resource) => this.byId(resource), ids),
    );
  }

  /** Forgets everything loaded so far; called after each write so later reads see it. */
  clearAll(): void {
    for (const loader of this.loaders.values()) loader.clearAll();
  }

  private async findWhere(resource: string, where: Record<string, unknown>): Promise<RecordState[]> {
    const delegate = modelDelegate(this.prisma, this.domain.resource(resource).model);
    return (await delegate.findMany({ where, orderBy: { id: 'asc' } })) as RecordState[];
  }

  private loader<K, V, C = K>(
    key: string,
    batch: (keys: readonly K[]) => Promise<(V | Error)[]>,
    options?: DataLoader.Options<K, V, C>,
  ): DataLoader<K, V, C> {
    let loader = this.loaders.get(key) as DataLoader<K, V, C> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V, C>(batch, options);
      this.loaders.set(key, loader as unknown as DataLoader<unknown, unknown, unknown>);
    }
    return loader;
  }
}
