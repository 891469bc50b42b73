/**
 * The baseline's GraphQL schema, by hand with graphql-js: only what Q1 and Q2 use,
 * in the same shape as ours (root `workspaces(first)` connection with edges/node,
 * `item(id)`, to-many fields as plain lists with a per-parent `limit`), so the exact
 * same query text runs on both servers.
 */
import {
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  type GraphQLFieldConfig,
  type GraphQLOutputType,
} from 'graphql';
import type { BaselineLoaders } from './loaders';
import type { CommentRow, ItemRow, MemberRow, WorkspaceRow } from './sql';

export interface BaselineContext {
  readonly loaders: BaselineLoaders;
}

/** Page size of `workspaces` when `first` is not given (ours defaults to 100 as well). */
const DEFAULT_FIRST = 100;

const nonNull = <T extends GraphQLOutputType>(type: T) => new GraphQLNonNull(type);
const listOf = <T extends GraphQLOutputType>(type: T) => nonNull(new GraphQLList(nonNull(type)));
const limitArg = { limit: { type: GraphQLInt } };

/** A field read straight from the row. */
function column<Row>(type: GraphQLOutputType): GraphQLFieldConfig<Row, BaselineContext> {
  return { type };
}

const Member = new GraphQLObjectType<MemberRow, BaselineContext>({
  name: 'Member',
  fields: { id: column(nonNull(GraphQLID)), name: column(nonNull(GraphQLString)), email: column(nonNull(GraphQLString)) },
});

const Comment = new GraphQLObjectType<CommentRow, BaselineContext>({
  name: 'Comment',
  fields: { id: column(nonNull(GraphQLID)), body: column(nonNull(GraphQLString)) },
});

const Workspace: GraphQLObjectType<WorkspaceRow, BaselineContext> = new GraphQLObjectType<WorkspaceRow, BaselineContext>({
  name: 'Workspace',
  fields: () => ({
    id: column(nonNull(GraphQLID)),
    name: column(nonNull(GraphQLString)),
    items: {
      type: listOf(Item),
      args: limitArg,
      resolve: (workspace, args: { limit?: number | null }, ctx) => ctx.loaders.itemsOfWorkspace(args.limit ?? null).load(workspace.id),
    },
  }),
});

const Item: GraphQLObjectType<ItemRow, BaselineContext> = new GraphQLObjectType<ItemRow, BaselineContext>({
  name: 'Item',
  fields: () => ({
    id: column(nonNull(GraphQLID)),
    title: column(nonNull(GraphQLString)),
    workspace: {
      type: nonNull(Workspace),
      resolve: (item, _args, ctx) => ctx.loaders.workspaceById.load(item.workspaceId),
    },
    comments: {
      type: listOf(Comment),
      args: limitArg,
      resolve: (item, args: { limit?: number | null }, ctx) => ctx.loaders.commentsOfItem(args.limit ?? null).load(item.id),
    },
    members: {
      type: listOf(Member),
      args: limitArg,
      resolve: (item, args: { limit?: number | null }, ctx) => ctx.loaders.membersOfItem(args.limit ?? null).load(item.id),
    },
  }),
});

const WorkspaceEdge = new GraphQLObjectType<WorkspaceRow, BaselineContext>({
  name: 'WorkspaceEdge',
  fields: { node: { type: nonNull(Workspace), resolve: (workspace) => workspace } },
});

const WorkspaceConnection = new GraphQLObjectType<WorkspaceRow[], BaselineContext>({
  name: 'WorkspaceConnection',
  fields: { edges: { type: listOf(WorkspaceEdge), resolve: (workspaces) => workspaces } },
});

export function createBaselineSchema(firstWorkspaces: (first: number) => Promise<WorkspaceRow[]>): GraphQLSchema {
  const Query = new GraphQLObjectType<unknown, BaselineContext>({
    name: 'Query',
    fields: {
      workspaces: {
        type: nonNull(WorkspaceConnection),
        args: { first: { type: GraphQLInt } },
        resolve: (_root, args: { first?: number | null }) => firstWorkspaces(args.first ?? DEFAULT_FIRST),
      },
      item: {
        type: Item,
        args: { id: { type: nonNull(GraphQLID) } },
        resolve: (_root, args: { id: string }, ctx) => ctx.loaders.itemById.load(args.id),
      },
    },
  });
  return new GraphQLSchema({ query: Query });
}
