import { readableWhere } from '../engine/authorization';
import { toPrismaWhere, type FilterInput } from '../engine/filter';
import { loadRecord } from '../engine/fold';
import { listPage, type Page, type PageArgs } from '../engine/list';
import { assertUuid } from '../engine/query-errors';
import type { RecordState } from '../engine/record';
import type { Domain, Resource } from '../resource';
import type { Builder } from './builder';
import { guarded } from './errors';
import { filterName } from './filters';
import { refOf, type ResourceRefs } from './refs';
import type { SharedTypes } from './shared-types';
import { sortName } from './sorts';
import { names } from './type-names';
import { upperFirst, withArticle } from '../resource/naming';

/** `x(id)` and the Relay list `xs(filter, sort, first, after, last, before)` for every resource. */
export function addQueries(builder: Builder, domain: Domain, refs: ResourceRefs, shared: SharedTypes): void {
  builder.queryType({ description: 'Read access to every resource.' });
  for (const resource of domain.resources) {
    const connection = addConnection(builder, resource, refs, shared);
    builder.queryField(names.getQuery(resource), (t) =>
      t.field({
        type: refOf(refs, resource.name),
        nullable: true,
        description: `The ${resource.name} with this id, or null when there is none. With \`asOf\`: as it was then (its events up to that time, folded), null before it was created or after it was destroyed; its relationships are read as they are now.`,
        args: {
          id: t.arg.id({ required: true, description: `Id of the ${resource.name}.` }),
          asOf: t.arg({ type: 'DateTime', description: 'Read the record as it was at this time.' }),
        },
        resolve: (_root, args, ctx) =>
          guarded(async () => {
            const id = assertUuid(String(args.id), ['id']);
            if (args.asOf == null) return ctx.loaders.byId(resource.name).load(id);
            // Time travel shows only records the actor may read now (a destroyed one only when nothing is hidden).
            if (ctx.authorization.readWhere(resource) && !(await ctx.loaders.byId(resource.name).load(id))) return null;
            return (await loadRecord(ctx.prisma, resource, id, { asOf: args.asOf as Date })).state;
          }),
      }),
    );
    builder.queryField(names.listQuery(resource), (t) =>
      t.field({
        type: connection,
        description: `${resource.name} records matching \`filter\`, ordered by \`sort\` (default: creation order), paginated (Relay).`,
        args: {
          filter: t.arg({ type: filterName(resource) as never, description: 'Only records matching this filter.' }),
          sort: t.arg({
            type: [sortName(resource)] as never,
            description: 'Order of the list, most significant key first; ties are broken by id (creation order). Cursors only work with the sort they came from.',
          }),
          first: t.arg.int({ description: "Return at most this many records from the start (after `after`); without `first` and `last`, the server's default page size (100 unless configured). Not with `last`." }),
          after: t.arg.string({ description: 'Start after this cursor.' }),
          last: t.arg.int({ description: 'Return at most this many records from the end (before `before`).' }),
          before: t.arg.string({ description: 'End before this cursor.' }),
        },
        resolve: (_root, args, ctx) =>
          guarded(() => {
            const readable = (r: Resource) => ctx.authorization.readWhere(r);
            const filter = toPrismaWhere(ctx.domain, resource, args.filter as FilterInput | null, ['filter'], readable);
            const where = readableWhere(ctx.authorization.readWhere(resource), filter);
            return listPage(ctx.sql, ctx.domain, resource, args as PageArgs, { ...ctx.limits, cursorSecret: ctx.cursorSecret }, where);
          }),
      }),
    );
  }
}

function addConnection(builder: Builder, resource: Resource, refs: ResourceRefs, shared: SharedTypes) {
  const edge = builder.objectRef<{ cursor: string; node: RecordState }>(names.edge(resource)).implement({
    description: `${upperFirst(withArticle(resource.name))} in a connection.`,
    fields: (t) => ({
      cursor: t.exposeString('cursor', { description: 'Opaque position of this edge; pass to `after` or `before`.' }),
      node: t.field({ type: refOf(refs, resource.name), description: `The ${resource.name}.`, resolve: (e) => e.node }),
    }),
  });
  return builder.objectRef<Page>(names.connection(resource)).implement({
    description: `A page of ${resource.name} records.`,
    fields: (t) => ({
      edges: t.field({ type: [edge], description: 'The records of this page, in list order.', resolve: (page) => [...page.edges] }),
      pageInfo: t.field({ type: shared.PageInfo, description: 'Where this page is in the list.', resolve: (page) => page.pageInfo }),
      totalCount: t.int({ description: 'Number of records in the whole list, ignoring pagination.', resolve: (page) => page.totalCount() }),
    }),
  });
}
