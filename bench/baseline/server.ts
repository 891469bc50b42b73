/**
 * The hand-written baseline server: graphql-yoga + the schema in schema.ts + DataLoader
 * + direct SQL (node-postgres on PostgreSQL, PGlite's query API on PGlite).
 * Served at /graphql like ours; GraphiQL and logging off, as they play no part in the load.
 */
import { createYoga } from 'graphql-yoga';
import type { SqlClient } from '../sql-client';
import { createLoaders } from './loaders';
import { createBaselineSchema, type BaselineContext } from './schema';
import { firstWorkspacesSql, type WorkspaceRow } from './sql';

export function createBaselineServer(sql: SqlClient) {
  const schema = createBaselineSchema((first) => sql.query<WorkspaceRow>(firstWorkspacesSql, [first]));
  return createYoga<Record<string, never>, BaselineContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: false,
    logging: false,
    context: () => ({ loaders: createLoaders(sql) }),
  });
}
