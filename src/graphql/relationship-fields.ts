import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { RecordState } from '../engine/record';
import { relationQuery, type RelationArgs } from '../engine/relation-query';
import type { Domain, Relationship, Resource } from '../resource';
import { stableJson } from '../util/stable-json';
import type { RecordFieldBuilder as FieldBuilder } from './builder';
import type { GraphQLContext } from './context';
import { guarded } from './errors';
import { selectedColumns } from './selected-columns';
import { filterName } from './filters';
import { refOf, type ResourceRefs } from './refs';
import { sortName } from './sorts';
import type { UnionRefs } from './unions';

/**
 * The field of one relationship on its source's object type. To-one kinds are
 * nullable records (belongsTo non-null when required); to-many kinds are
 * plain non-null lists taking filter / sort / limit / offset, applied per
 * parent; a polymorphic relationship is a list of a union. Every load goes
 * through the request's batched loaders.
 */
export function relationshipField(t: FieldBuilder, domain: Domain, refs: ResourceRefs, unions: UnionRefs, rel: Relationship) {
  const description = rel.description;
  switch (rel.kind) {
    case 'belongsTo':
      return t.field({
        type: refOf(refs, rel.destination),
        // Typed as nullable so the resolver may return null; the schema uses the real flag.
        nullable: !rel.required as true,
        description,
        resolve: async (record: RecordState, _args, ctx) => {
          const key = record[rel.sourceAttribute] as string | null;
          const found = key ? await ctx.loaders.byId(rel.destination).load(key) : null;
          // A required key points at a record, so with a read filter null means the actor may not read it.
          if (found === null && key && rel.required && ctx.authorization.readWhere(domain.resource(rel.destination))) {
            throw new GraphQLError(`Not allowed to read this ${rel.destination}.`, { extensions: { code: 'FORBIDDEN' } });
          }
          return found;
        },
      });
    case 'hasOne':
      return t.field({
        type: refOf(refs, rel.destination),
        nullable: true,
        description,
        resolve: (record: RecordState, _args, ctx) => ctx.loaders.hasOne(rel).load(record.id),
      });
    case 'polymorphic':
      return t.field({
        type: [unions.get(rel.unionName)!],
        nullable: { list: false, items: false },
        description,
        resolve: (record: RecordState, _args, ctx) => ctx.loaders.polymorphic(rel).load(record.id),
      });
    case 'manual':
      if (rel.cardinality === 'one') {
        return t.field({
          type: refOf(refs, rel.destination),
          nullable: true,
          description,
          resolve: (record: RecordState, _args, ctx) =>
            guarded(async () => (await loadRelated(ctx, domain, rel, record, {}))[0] ?? null),
        });
      }
      return toManyField(t, domain, refs, rel, rel.destination);
    case 'hasMany':
    case 'manyToMany':
    case 'noAttributes':
      return toManyField(t, domain, refs, rel, rel.destination);
  }
}

function toManyField(t: FieldBuilder, domain: Domain, refs: ResourceRefs, rel: Relationship, destinationName: string) {
  const destination = domain.resource(destinationName);
  return t.field({
    type: [refOf(refs, destinationName)],
    nullable: { list: false, items: false },
    description: rel.description,
    args: {
      filter: t.arg({ type: filterName(destination) as never, description: 'Only related records matching this filter.' }),
      sort: t.arg({ type: [sortName(destination)] as never, description: 'Order of the related records (default: creation order).' }),
      limit: t.arg.int({ description: 'At most this many related records per parent.' }),
      offset: t.arg.int({ description: 'Skip this many related records per parent.' }),
    },
    resolve: (record: RecordState, args: RelationArgs, ctx, info) =>
      guarded(() => {
        const columns = selectedColumns(destination, info);
        return loadRelated(ctx, domain, rel, record, args, columns, loaderKey(ctx, info, args, columns));
      }),
  });
}

/** Loader keys by request and field: a list's every parent resolves the field with the same nodes and arguments. */
const loaderKeys = new WeakMap<GraphQLContext, WeakMap<GraphQLResolveInfo['fieldNodes'], string>>();

/**
 * The key of the loader a to-many field's loads go to: its arguments and
 * columns. Computed once per request and field (the field nodes of a list's
 * items are one array, and the arguments are the same for all of them
 * within one operation), not once per parent.
 */
function loaderKey(ctx: GraphQLContext, info: GraphQLResolveInfo, args: RelationArgs, columns: readonly string[] | undefined): string {
  let keys = loaderKeys.get(ctx);
  if (!keys) loaderKeys.set(ctx, (keys = new WeakMap()));
  let key = keys.get(info.fieldNodes);
  if (key === undefined) keys.set(info.fieldNodes, (key = `${stableJson(args)}|${columns?.join(',') ?? '*'}`));
  return key;
}

/** The related records of one parent, through the loader of the relationship's kind. */
async function loadRelated(
  ctx: GraphQLContext,
  domain: Domain,
  rel: Relationship,
  record: RecordState,
  args: RelationArgs,
  /** Attribute columns the query reads from the related records; undefined for all. */
  columns?: readonly string[],
  /** The loader's key: the arguments and columns (see loaderKey). */
  cacheKey = `${stableJson(args)}|${columns?.join(',') ?? '*'}`,
): Promise<RecordState[]> {
  if (rel.kind === 'polymorphic' || rel.kind === 'belongsTo' || rel.kind === 'hasOne') {
    throw new Error(`${rel.source}.${rel.name} is not a to-many relationship.`);
  }
  // The arguments are translated once per loader (per request and argument set), not per parent.
  const readable = (resource: Resource) => ctx.authorization.readWhere(resource);
  const query = () => ({ ...relationQuery(domain, rel.destination, args, ctx.limits.maxPageSize, readable), columns });
  switch (rel.kind) {
    case 'hasMany':
    case 'manyToMany':
      return ctx.loaders.toMany(rel, cacheKey, query).load(record.id);
    case 'noAttributes':
      return ctx.loaders.noAttributes(rel, cacheKey, query).load(record);
    case 'manual':
      return ctx.loaders.manual(rel, cacheKey, () => ({ actor: ctx.principal.kind === 'actor' ? ctx.principal.id : null, args: { ...args }, query: query() })).load(record);
  }
}
