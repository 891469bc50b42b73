import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import type { Domain } from '../resource';
import { createBuilder } from './builder';
import { addEnums } from './enums';
import { addEventTypes } from './events';
import { addFilterInputs } from './filters';
import { addSortInputs } from './sorts';
import { addMutations } from './mutations';
import { addNodeInterface, addNodeQuery } from './node';
import { addObjectTypes } from './object-types';
import { addQueries } from './queries';
import { createResourceRefs } from './refs';
import { addSharedTypes } from './shared-types';
import { addUnions } from './unions';

/** Builds the GraphQL schema of a domain: types, queries and mutations, no hand-written resolvers. */
export function buildSchema(domain: Domain): GraphQLSchema {
  const builder = createBuilder();
  const refs = createResourceRefs(builder, domain.resources);
  const shared = addSharedTypes(builder);
  addEnums(builder, domain);
  addFilterInputs(builder, domain);
  addSortInputs(builder, domain);
  const unions = addUnions(builder, domain, refs);
  const node = addNodeInterface(builder);
  addObjectTypes(builder, domain, refs, unions, node);
  addQueries(builder, domain, refs, shared);
  addNodeQuery(builder, domain, node);
  addEventTypes(builder, domain, refs, shared);
  addMutations(builder, domain, refs, shared);
  return builder.toSchema({ sortSchema: false });
}

/** The SDL committed as `schema.graphql`: sorted, so diffs show real changes only. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
