import DataLoader from 'dataloader';
import type { SqlReader } from '../db/sql-reader';
import { readableWhere, TRUSTED, type Authorization } from '../engine/authorization';
import { InvalidQueryInput, isUuid } from '../engine/query-errors';
import { eventVisibility } from '../engine/sql/event-visibility';
import type { RecordState } from '../engine/record';
import type { RelationQuery } from '../engine/relation-query';
import { selectByKeys } from '../engine/sql/statements';
import { countHistories, readEventsById, readHistories, readLinks, type StoredLink } from '../events/log-reader';
import type { StoredEvent } from '../events/types';
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
 * requests (its caches hold what that request's actor may read). Every load
 * applies the destination's read filter for the request's actor in the same
 * statement (see `Authorization.readWhere`); manual relationships get it in
 * their `where`.
 *
 * `cacheKey` identifies a field's arguments, so two aliases of one
 * relationship with different arguments get different loaders. Results come
 * back in key order; a missing key is null / []; a key that fails (e.g. a
 * malformed id, or a manual load mapping it to an Error) is an error for that
 * key alone.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown, unknown>>();

  /**
   * `sql` runs the loaders' statements; `prisma` is handed to manual
   * relationships' `load` as their database client.
   */
  constructor(
    private readonly sql: SqlReader,
    private readonly prisma: PrismaClient,
    private readonly domain: Domain,
    private readonly authorization: Authorization = TRUSTED,
  ) {}

  /** Records of `resource` by id; null for an id that does not exist. */
  byId(resource: string): DataLoader<string, RecordState | null> {
    return this.loader(`byId:${resource}`, () => async (ids: readonly string[]): Promise<(RecordState | null | Error)[]> => {
      const valid = ids.filter((id) => isUuid(id));
      const rows = valid.length === 0 ? [] : await this.byKeys(resource, valid);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => (isUuid(id) ? (byId.get(id) ?? null) : new InvalidQueryInput(`Not a valid ${resource} id: ${JSON.stringify(id)}.`, ['id'])));
    });
  }

  /** A page of each record's events (history), by record id: one statement for all records. */
  history(resource: string, page: { afterVersion: number; limit: number }): DataLoader<string, StoredEvent[]> {
    return this.loader(`history:${resource}:${page.afterVersion}:${page.limit}`, () => async (ids: readonly string[]) => {
      const byRecord = await readHistories(this.sql, resource, ids, page);
      return ids.map((id) => byRecord.get(id) ?? []);
    });
  }

  /** The number of events of each record (its whole history), by record id: one statement for all records. */
  historyCount(resource: string): DataLoader<string, number> {
    return this.loader(`historyCount:${resource}`, () => async (ids: readonly string[]) => {
      const byRecord = await countHistories(this.sql, resource, ids);
      return ids.map((id) => byRecord.get(id) ?? 0);
    });
  }

  /** Events by id; null for an unknown id or an event of a record the actor may not read. */
  eventById(): DataLoader<string, StoredEvent | null> {
    return this.loader('eventById', () => async (ids: readonly string[]) => {
      const found = await readEventsById(this.sql, ids, eventVisibility(this.domain, this.authorization) ?? undefined);
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  /** The stored typed links of events, by event id. */
  eventLinks(): DataLoader<string, StoredLink[]> {
    return this.loader('eventLinks', () => async (ids: readonly string[]) => {
      const byEvent = await readLinks(this.sql, ids);
      return ids.map((id) => byEvent.get(id) ?? []);
    });
  }

  /** The destination record of a hasOne by source id; null when none. */
  hasOne(rel: HasOne): DataLoader<string, RecordState | null> {
    return this.loader(`hasOne:${rel.source}.${rel.name}`, () => (ids: readonly string[]) =>
      loadHasOne(this.sql, this.domain, rel, ids, this.readWhere(rel.destination)),
    );
  }

  /** Destination records of a hasMany / manyToMany by source id; [] when none. */
  toMany(rel: HasMany | ManyToMany, cacheKey: string, query: () => RelationQuery): DataLoader<string, RecordState[]> {
    return this.loader(`toMany:${rel.source}.${rel.name}:${cacheKey}`, () => {
      const relationQuery = this.readable(rel.destination, query());
      return (ids: readonly string[]) => loadToMany(this.sql, this.domain, rel, relationQuery, ids);
    });
  }

  /** Records related by a noAttributes filter, by parent record. */
  noAttributes(rel: NoAttributes, cacheKey: string, query: () => RelationQuery): DataLoader<RecordState, RecordState[], string> {
    return this.loader(
      `noAttributes:${rel.source}.${rel.name}:${cacheKey}`,
      () => {
        const relationQuery = this.readable(rel.destination, query());
        return (parents: readonly RecordState[]) => loadByParentFilter(this.sql, this.domain, rel, relationQuery, parents);
      },
      byRecordId,
    );
  }

  /** Records of a manual relationship, by parent record; `load` runs once per batch. */
  manual(rel: Manual, cacheKey: string, call: () => Omit<ManualCall, 'db'>): DataLoader<RecordState, RecordState[], string> {
    return this.loader(
      `manual:${rel.source}.${rel.name}:${cacheKey}`,
      () => {
        const given = call();
        const manualCall = { ...given, query: this.readable(rel.destination, given.query), db: this.prisma };
        return (parents: readonly RecordState[]) => loadManual(rel, manualCall, parents);
      },
      byRecordId,
    );
  }

  /** Targets of a polymorphic relationship by source id, each tagged with its resource. */
  polymorphic(rel: Polymorphic): DataLoader<string, TaggedRecord[]> {
    return this.loader(`polymorphic:${rel.source}.${rel.name}`, () => (ids: readonly string[]) =>
      loadPolymorphic(this.sql, rel, (resource) => this.byId(resource), ids),
    );
  }

  /** Forgets everything loaded so far; called after each write so later reads see it. */
  clearAll(): void {
    for (const loader of this.loaders.values()) loader.clearAll();
  }

  /** The read filter of `resource` for the request's actor; null when every record is readable. */
  private readWhere(resource: string): Readonly<Record<string, unknown>> | null {
    return this.authorization.readWhere(this.domain.resource(resource));
  }

  /** `query` narrowed to the records of `resource` the actor may read. */
  private readable(resource: string, query: RelationQuery): RelationQuery {
    return { ...query, where: readableWhere(this.readWhere(resource), query.where) };
  }

  private async byKeys(resource: string, ids: readonly string[]): Promise<RecordState[]> {
    const statement = selectByKeys(this.domain, this.domain.resource(resource), 'id', ids, this.readWhere(resource));
    return (await this.sql.query(statement.text, statement.values)) as RecordState[];
  }

  /**
   * The loader under `key`, made on first use: `makeBatch` runs then (once
   * per request and key), so per-field work such as translating arguments is
   * not repeated for every parent.
   */
  private loader<K, V, C = K>(
    key: string,
    makeBatch: () => (keys: readonly K[]) => Promise<(V | Error)[]>,
    options?: DataLoader.Options<K, V, C>,
  ): DataLoader<K, V, C> {
    let loader = this.loaders.get(key) as DataLoader<K, V, C> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V, C>(makeBatch(), options);
      this.loaders.set(key, loader as unknown as DataLoader<unknown, unknown, unknown>);
    }
    return loader;
  }
}
