import { getIntrospectionQuery, getOperationAST, parse } from 'graphql';
import { createApp } from '../../src/app/create-app';
import { DEFAULT_SCHEMA_LIMITS } from '../../src/graphql/context';
import { aliasFold } from '../../src/server/limits/aliases';
import { costFold } from '../../src/server/limits/cost';
import { depthFold } from '../../src/server/limits/depth';
import { foldOperation, type SelectionFold } from '../../src/server/limits/fold-selections';
import { graphqlClient, startTestApp, type TestApp } from '../support/app';

/**
 * What clients add on their own never changes whether a query passes the
 * limits: Apollo Client adds `__typename` to every selection set, GraphiQL
 * sends the introspection query.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ authorize: false });
});
afterAll(() => app.dispose());

// The README's worked example (cost 2,441, depth 6), and the same query as Apollo Client sends it.
const PLAIN = '{ workspaces(first: 10) { edges { node { name items(limit: 20) { title comments { body } } } } } }';
const TYPENAMED = `{ __typename workspaces(first: 10) { __typename edges { __typename node { __typename name
  items(limit: 20) { __typename title comments { __typename body } } } } } }`;
const WITH_FRAGMENT = `{ workspaces(first: 10) { edges { node { ...W } } } }
  fragment W on Workspace { __typename name items(limit: 20) { ... on Item { __typename title } comments { __typename body } } }`;

const measure = <T>(query: string, fold: (document: ReturnType<typeof parse>) => SelectionFold<T>) => {
  const document = parse(query);
  return foldOperation(app.schema, document, getOperationAST(document)!, fold(document), 100);
};
const costOf = (query: string) => measure(query, (document) => costFold(document, getOperationAST(document)!, {}, DEFAULT_SCHEMA_LIMITS));

it('gives a query the same cost, depth and alias count with and without __typename everywhere', () => {
  expect([PLAIN, TYPENAMED, WITH_FRAGMENT].map((query) => [costOf(query), measure(query, () => depthFold), measure(query, () => aliasFold)]))
    .toEqual([[2441, 6, 0], [2441, 6, 0], [2441, 6, 0]]);
});

it('runs the query with and without __typename at a cost limit of exactly its cost, and refuses both one below it', async () => {
  const atLimit = graphqlClient(createApp(app.db, { authorize: false, limits: { maxCost: 2441 } }).server);
  const belowLimit = graphqlClient(createApp(app.db, { authorize: false, limits: { maxCost: 2440 } }).server);
  for (const query of [PLAIN, TYPENAMED]) {
    const ran = await atLimit(query);
    expect([ran.status, ran.body.errors]).toEqual([200, undefined]);
    const refused = await belowLimit(query);
    expect([refused.status, refused.body.errors?.map((e) => e.extensions)]).toEqual([400, [{ code: 'QUERY_TOO_COMPLEX', cost: 2441, maxCost: 2440 }]]);
  }
});

it('refuses the query with and without __typename at the same depth limit', async () => {
  const shallow = graphqlClient(createApp(app.db, { authorize: false, limits: { maxDepth: 5 } }).server);
  for (const query of [PLAIN, TYPENAMED]) {
    expect((await shallow(query)).body.errors?.map((e) => e.extensions)).toEqual([{ code: 'QUERY_TOO_DEEP', depth: 6, maxDepth: 5 }]);
  }
});

it("costs GraphiQL's introspection query nothing: it runs under a cost limit of 1 and a depth limit of 1", async () => {
  const strict = graphqlClient(createApp(app.db, { authorize: false, limits: { maxCost: 1, maxDepth: 1 } }).server);
  const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true });
  expect(costOf(query)).toBe(0);
  const { status, body } = await strict(query);
  expect([status, body.errors, body.data.__schema.queryType]).toEqual([200, undefined, { name: 'Query', kind: 'OBJECT' }]);
});

it('still counts aliases of __typename and __schema: aliases are how one request repeats a field', async () => {
  const fewAliases = graphqlClient(createApp(app.db, { authorize: false, limits: { maxAliases: 2 } }).server);
  const { status, body } = await fewAliases('{ a: __schema { queryType { name } } b: __schema { queryType { name } } c: __typename }');
  expect([status, body.errors?.map((e) => e.extensions)]).toEqual([400, [{ code: 'TOO_MANY_ALIASES', aliases: 3, maxAliases: 2 }]]);
});
