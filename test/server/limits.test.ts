import { createServer as createHttpServer, request as httpRequest, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getIntrospectionQuery, getOperationAST, parse } from 'graphql';
import { createAppDomain } from '../../src/app/domain';
import { DEFAULT_SCHEMA_LIMITS } from '../../src/graphql/context';
import { buildSchema } from '../../src/graphql/schema';
import { costFold } from '../../src/server/limits/cost';
import { foldOperation } from '../../src/server/limits/fold-selections';
import { normalizeLimits } from '../../src/server/limits/normalize-limits';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ authorize: false });
});
afterAll(() => app.dispose());

/** Posts a raw body (text or stream) to the app in-process; the response's status and parsed JSON. */
async function post(body: string | ReadableStream<Uint8Array>, target: TestApp = app) {
  const response = await target.server.fetch('http://test.local/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as RequestInit);
  return { status: response.status, body: await response.json() };
}

/** `{ items(first: 1) { edges { node { workspace { items { ... id } } } } } }`: `depth` fields deep. */
function deepQuery(depth: number): string {
  let inner = 'id';
  for (let level = depth - 4; level > 0; level--) inner = `${level % 2 ? 'workspace' : 'items'} { ${inner} }`;
  return `{ items(first: 1) { edges { node { ${inner} } } } }`;
}

const aliases = (count: number, prefix = 'a') => Array.from({ length: count }, (_, i) => `${prefix}${i}: __typename`).join(' ');

describe('query depth', () => {
  it('runs a query 12 fields deep', async () => {
    const { status, body } = await app.gql(deepQuery(12));
    expect([status, body]).toEqual([200, { data: { items: { edges: [] } } }]);
  });

  it('refuses a query 13 fields deep with QUERY_TOO_DEEP before any SQL', async () => {
    app.resetQueries();
    const { status, body } = await app.gql(deepQuery(13));
    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [{
        message: 'The query nests fields 13 levels deep but at most 12 are accepted ({ a { b } } is 2 deep); split it into several queries.',
        extensions: { code: 'QUERY_TOO_DEEP', depth: 13, maxDepth: 12 },
      }],
    });
    expect(app.queries).toEqual([]);
  });

  it('counts the levels inside inline and named fragments', async () => {
    const { status, body } = await app.gql(`{ items(first: 1) { edges { node { ...Chain } } } }
      fragment Chain on Item { workspace { ... on Workspace { items { ...More } } } }
      fragment More on Item { workspace { items { workspace { items { workspace { items { workspace { id } } } } } } } }`);
    expect([status, body.errors?.[0]?.extensions]).toEqual([400, { code: 'QUERY_TOO_DEEP', depth: 13, maxDepth: 12 }]);
  });

  it('leaves a fragment cycle to validation, which reports it', async () => {
    const { status, body } = await app.gql(`{ items(first: 1) { edges { node { ...A } } } } fragment A on Item { workspace { items { ...A } } }`);
    expect([status, body]).toEqual([200, {
      errors: [{ message: 'Cannot spread fragment "A" within itself.', locations: [{ line: 1, column: 90 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    }]);
  });

  it('refuses fragments spread within fragments 5,000 levels deep with QUERY_TOO_DEEP, not a stack overflow', async () => {
    let query = '{ ...F0 }';
    for (let i = 0; i < 5000; i++) query += ` fragment F${i} on Query { __typename ${i < 4999 ? `...F${i + 1}` : ''} }`;
    const { status, body } = await app.gql(query);
    expect([status, body]).toEqual([400, {
      errors: [{
        message: 'Fragment spreads nest (a fragment spreading a fragment spreading ...) more than 100 levels deep, the most accepted; spread the fragments side by side instead.',
        extensions: { code: 'QUERY_TOO_DEEP', maxNesting: 100 },
      }],
    }]);
    expect(app.logged).toEqual([]);
  });

  it('refuses brackets nested 5,000 deep in the query text before parsing it, with QUERY_TOO_DEEP at the first bracket too deep', async () => {
    app.resetQueries();
    const query = `{ items(filter: ${'{ not: '.repeat(5000)}{}${' }'.repeat(5000)}) { totalCount } }`;
    const { status, body } = await app.gql(query);
    expect([status, body]).toEqual([400, {
      errors: [{
        message: 'The query nests brackets ({ [ and ( together) more than 100 levels deep, the most accepted; flatten the selections or input values.',
        locations: [{ line: 1, column: 17 + 98 * 7 }],
        extensions: { code: 'QUERY_TOO_DEEP', maxNesting: 100 },
      }],
    }]);
    expect([app.queries, app.logged]).toEqual([[], []]);
  });

  it("lets GraphiQL's introspection query through: __schema and __type are not counted", async () => {
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true });
    const { status, body } = await app.gql(query);
    expect([status, body.errors, body.data.__schema.queryType]).toEqual([200, undefined, { name: 'Query', kind: 'OBJECT' }]);
    const { body: typeBody } = await app.gql('{ __type(name: "Item") { fields { type { ofType { ofType { ofType { name } } } } } } }');
    expect(typeBody.errors).toBeUndefined();
  });

  it('leaves introspection that nests its lists too deep to graphql-js validation (MaxIntrospectionDepthRule)', async () => {
    const { body } = await app.gql('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }');
    expect(body.errors).toEqual([{ message: 'Maximum introspection depth exceeded', locations: [{ line: 1, column: 3 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
  });
});

describe('the cost model', () => {
  const schema = buildSchema(createAppDomain());
  const cost = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    const operation = getOperationAST(document)!;
    return foldOperation(schema, document, operation, costFold(document, operation, variables, DEFAULT_SCHEMA_LIMITS), 100);
  };

  it('prices the README example at 2,441: each field 1, lists multiply their selection by their page size', () => {
    expect(cost('{ workspaces(first: 10) { edges { node { name items(limit: 20) { title comments { body } } } } } }')).toBe(2441);
  });

  // `pageInfo { hasNextPage }` costs 2 per record of its list.
  it('takes first / last / limit from literals, variables and variable defaults; the default page size when absent', () => {
    expect([
      cost('{ items { pageInfo { hasNextPage } } }'),
      cost('{ items(last: 3) { pageInfo { hasNextPage } } }'),
      cost('query($n: Int) { items(first: $n) { pageInfo { hasNextPage } } }', { n: 5 }),
      cost('query($n: Int = 7) { items(first: $n) { pageInfo { hasNextPage } } }'),
      cost('query($n: Int = 7) { items(first: $n) { pageInfo { hasNextPage } } }', { n: null }),
    ]).toEqual([1 + 100 * 2, 1 + 3 * 2, 1 + 5 * 2, 1 + 7 * 2, 1 + 100 * 2]);
  });

  it('clamps page sizes to 0..500: the resolver refuses those out of range', () => {
    expect([cost('{ items(first: 100000) { pageInfo { hasNextPage } } }'), cost('{ items(first: -4) { pageInfo { hasNextPage } } }')]).toEqual([1 + 500 * 2, 1]);
  });

  it('prices totalCount as reading 500 records (maxPageSize), whatever the page size', () => {
    expect([
      cost('{ items(first: 0) { totalCount } }'),
      cost('{ items { totalCount } }'),
      cost('{ items(first: 0) { pageInfo { hasNextPage } } }'),
      cost('{ items(first: 0) { ... on ItemConnection { totalCount } } }'),
    ]).toEqual([1 + 500, 1 + 100 + 500, 1, 1 + 500]);
  });

  it('finds totalCount in named fragments, spread by fragments, however often the fragment is reused', () => {
    const fragments = 'fragment F on ItemConnection { ...G } fragment G on ItemConnection { pageInfo { hasNextPage } ...H } fragment H on ItemConnection { totalCount }';
    expect(cost(`{ a: items(first: 0) { ...F } b: items(first: 0) { ...F } } ${fragments}`)).toBe(2 * 501);
    // totalCount of a list inside a fragment counts for that list only.
    expect(cost('{ items(first: 0) { ...Q } } fragment Q on ItemConnection { edges { node { history(first: 0) { __typename } } } }')).toBe(1);
  });

  describe('filters', () => {
    const filtered = (filter: string) => cost(`{ items(first: 0, filter: ${filter}) { __typename } }`);

    it('tests a root list\'s filter on at least a default page (100 records), at the filter\'s cost each, whatever the page size', () => {
      // 1 per operator, 1 plus the inner filter per to-one relationship, 1 + 10 x the inner filter per to-many quantifier.
      expect([
        filtered('{}'),
        filtered('{ title: { contains: "x" } }'),
        filtered('{ title: { contains: "x", startsWith: "y" }, priority: { gt: 1 } }'),
        filtered('{ workspace: { name: { eq: "W" } } }'),
        filtered('{ comments: { some: { body: { contains: "x" } } } }'),
        filtered('{ comments: { some: {}, none: { body: { eq: "x" } } } }'),
        filtered('{ comments: { every: { item: { comments: { none: { body: { eq: "x" } } } } } } }'),
        filtered('{ and: [{ title: { eq: "a" } }, { title: { eq: "b" } }], or: { title: { eq: "c" } }, not: { priority: { isNull: true } } }'),
        filtered('{ title: null, comments: { some: null } }'),
      ]).toEqual([1, 1 + 100, 1 + 100 * 3, 1 + 100 * 2, 1 + 100 * 11, 1 + 100 * (1 + 11), 1 + 100 * (1 + 10 * (1 + 11)), 1 + 100 * 4, 1]);
      // A larger page tests the filter on each of its records.
      expect(cost('{ items(first: 300, filter: { title: { contains: "x" } }) { pageInfo { hasNextPage } } }')).toBe(1 + 300 * 2 + 300);
    });

    it('prices the README\'s counts and pages through a to-many filter, and seven nested quantifiers', () => {
      const some = '{ comments: { some: { body: { contains: "x" } } } }';
      const times = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
      expect([
        cost(times(7, `items(first: 0, filter: ${some}) { totalCount }`)),
        cost(times(100, `items(first: 1, filter: ${some}) { __typename }`)),
      ]).toEqual([7 * 7101, 100 * 1101]);
      let nested = '{}';
      for (let i = 0; i < 7; i++) nested = `{ comments: { some: { item: ${nested} } } }`;
      expect(filtered(nested)).toBeGreaterThan(1e8);
    });

    it('adds what totalCount reads: 500 records (maxPageSize), each 1 plus the filter', () => {
      expect(cost('{ items(first: 0, filter: { comments: { some: { body: { contains: "x" } } } }) { totalCount } }')).toBe(1 + 100 * 11 + 500 * (1 + 11));
    });

    it('reads filters from literals, variables, variables inside literals and variable defaults', () => {
      const some = { comments: { some: { body: { contains: 'x' } } } };
      expect([
        cost('query($f: ItemFilter) { items(first: 0, filter: $f) { __typename } }', { f: some }),
        cost('query($s: CommentFilter) { items(first: 0, filter: { comments: { some: $s } }) { __typename } }', { s: some.comments.some }),
        cost('query($f: ItemFilter = { comments: { some: { body: { contains: "x" } } } }) { items(first: 0, filter: $f) { __typename } }'),
        cost('query($f: ItemFilter = { comments: { some: {} } }) { items(first: 0, filter: $f) { __typename } }', { f: null }),
      ]).toEqual([1 + 100 * 11, 1 + 100 * 11, 1 + 100 * 11, 1]);
    });

    it('tests a to-many relationship\'s filter on max(limit, 10) related records per parent', () => {
      const comments = (args: string) => cost(`{ item(id: "x") { comments(${args}) { body } } }`) - 1;
      expect([
        comments('filter: { body: { contains: "x" } }'),
        comments('filter: { body: { contains: "x" } }, limit: 50'),
        comments('filter: { body: { contains: "x" } }, limit: 1'),
      ]).toEqual([1 + 10 + 10, 1 + 50 + 50, 1 + 1 + 10]);
    });
  });

  it('assumes 10 records for a list without a page size, not for the edges of a connection', () => {
    // item 1 + relations (1 + 10 x (1 + 1)) + history (1 + 100 x (edges 1 + node (1 + links (1 + 10 x 1))))
    expect(cost('{ item(id: "x") { relations { ... on Item { id } ... on Milestone { id } } history { edges { node { links { type } } } } } }')).toBe(1 + 21 + 1301);
  });

  it("adds the branches of a union's fragments", () => {
    expect(cost('{ item(id: "x") { relations { ... on Item { title } ... on Milestone { name dueAt } } } }')).toBe(1 + 1 + 10 * 3);
  });

  it('counts nothing for __typename, __schema, __type and the fields below them', () => {
    expect([
      cost('{ __schema { types { name fields { name } } } }'),
      cost('{ __type(name: "Item") { fields { name } } __typename }'),
      cost('{ items(first: 7) { __typename } }'),
    ]).toEqual([0, 0, 1]);
  });

  it('counts a fragment each time it is spread, in linear time however often that is', () => {
    let query = '{ ...F0 }';
    for (let i = 0; i < 40; i++) query += ` fragment F${i} on Query { ${i < 39 ? `...F${i + 1} ...F${i + 1}` : 'item(id: "x") { id }'} }`;
    expect(cost(query)).toBe(2 * 2 ** 39);
  });
});

describe('query cost', () => {
  const NESTED = 'query($n: Int) { items(first: $n) { edges { node { comments(limit: $n) { body } } } } }';

  it('refuses a query whose page sizes (from variables) make it cost more than 50,000, with QUERY_TOO_COMPLEX before any SQL', async () => {
    app.resetQueries();
    const { status, body } = await app.gql(NESTED, { n: 500 });
    expect([status, body]).toEqual([400, {
      errors: [{
        message: 'The query\'s estimated cost is 251,501 but at most 50,000 is accepted; ask for smaller pages (first, last, limit) or fewer nested lists (README, "Limits", has the cost model).',
        extensions: { code: 'QUERY_TOO_COMPLEX', cost: 251501, maxCost: 50000 },
      }],
    }]);
    expect(app.queries).toEqual([]);
  });

  it('runs the same query with small pages', async () => {
    const { status, body } = await app.gql(NESTED, { n: 10 });
    expect([status, body]).toEqual([200, { data: { items: { edges: [] } } }]);
  });

  it('refuses 100 counts of a list filtered through a to-many relationship (710,100), before any SQL, whether totalCount is spelled out or in a fragment', async () => {
    const count = (i: number, selection = '{ totalCount }') => `a${i}: items(first: 0, filter: { comments: { some: { body: { contains: "x" } } } }) ${selection}`;
    const queries = [
      `{ ${Array.from({ length: 100 }, (_, i) => count(i)).join(' ')} }`,
      `{ ${Array.from({ length: 100 }, (_, i) => count(i, '{ ...Count }')).join(' ')} } fragment Count on ItemConnection { totalCount }`,
    ];
    for (const query of queries) {
      app.resetQueries();
      const { status, body } = await app.gql(query);
      expect([status, body.errors]).toEqual([400, [{
        message: 'The query\'s estimated cost is 710,100 but at most 50,000 is accepted; ask for smaller pages (first, last, limit) or fewer nested lists (README, "Limits", has the cost model).',
        extensions: { code: 'QUERY_TOO_COMPLEX', cost: 710100, maxCost: 50000 },
      }]]);
      expect(app.queries).toEqual([]);
    }
    expect(await app.gql(`{ ${count(0)} }`)).toEqual({ status: 200, body: { data: { a0: { totalCount: 0 } } } });
  });

  it('leaves a page size beyond 500 to its resolver: INVALID_INPUT at the argument, not a cost refusal', async () => {
    const { body } = await app.gql('{ items(first: 100000) { edges { node { id } } } }');
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'INVALID_INPUT', inputPath: ['first'] });
  });
});

describe('aliases', () => {
  it('runs a query with 100 aliases', async () => {
    const { status, body } = await app.gql(`{ ${aliases(100)} }`);
    expect([status, Object.keys(body.data)]).toEqual([200, Array.from({ length: 100 }, (_, i) => `a${i}`)]);
  });

  it('refuses 101 aliases with TOO_MANY_ALIASES', async () => {
    const { status, body } = await app.gql(`{ ${aliases(101)} }`);
    expect([status, body]).toEqual([400, {
      errors: [{
        message: 'The query uses 101 aliases but at most 100 are accepted; split it into several queries.',
        extensions: { code: 'TOO_MANY_ALIASES', aliases: 101, maxAliases: 100 },
      }],
    }]);
  });

  it('counts the aliases of a fragment each time it is spread', async () => {
    const { body } = await app.gql(`{ x: items(first: 1) { ...F } y: items(first: 1) { ...F } } fragment F on ItemConnection { ${aliases(50)} }`);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'TOO_MANY_ALIASES', aliases: 102, maxAliases: 100 });
  });
});

it('reports every limit a query breaks at once', async () => {
  const query = deepQuery(13).replace('items(first: 1)', 'items(first: 500)').replace(/ }$/, ` ${aliases(101)} }`);
  const { status, body } = await app.gql(query);
  expect([status, body.errors!.map((e) => e.extensions!.code)]).toEqual([400, ['QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX', 'TOO_MANY_ALIASES']]);
});

describe('batches', () => {
  const batch = (count: number, query: (i: number) => string) => JSON.stringify(Array.from({ length: count }, (_, i) => ({ query: query(i) })));

  it('runs a batch of 10 operations, answering each in order', async () => {
    const { status, body } = await post(batch(10, (i) => `{ n${i}: __typename }`));
    expect([status, body]).toEqual([200, Array.from({ length: 10 }, (_, i) => ({ data: { [`n${i}`]: 'Query' } }))]);
  });

  it('refuses a batch of 11 with BATCH_TOO_LARGE (413), running none of them', async () => {
    const before = await app.counts();
    app.resetQueries();
    const { status, body } = await post(batch(11, (i) => `mutation { createWorkspace(input: { name: "W${i}" }) { result { id } } }`));
    expect([status, body]).toEqual([413, {
      errors: [{
        message: 'The batch holds 11 operations but at most 10 are accepted; send the rest in another request.',
        extensions: { code: 'BATCH_TOO_LARGE', operations: 11, maxBatchSize: 10 },
      }],
    }]);
    expect(app.queries).toEqual([]);
    expect(await app.counts()).toEqual(before);
  });

  it('applies the per-operation limits to each operation of a batch', async () => {
    const { status, body } = await post(batch(2, (i) => (i === 0 ? '{ __typename }' : deepQuery(13))));
    expect([status, body[0], body[1].errors[0].extensions.code]).toEqual([200, { data: { __typename: 'Query' } }, 'QUERY_TOO_DEEP']);
  });
});

describe('request body size', () => {
  const MAX = DEFAULT_SCHEMA_LIMITS.maxRequestBytes;
  /** A valid request of exactly `bytes` bytes (padded with spaces inside the query). */
  const requestOf = (bytes: number) => {
    const shell = JSON.stringify({ query: '{ __typename }' });
    return shell.replace('}"', `${' '.repeat(bytes - shell.length)}}"`);
  };
  const tooLarge = (message: string) => ({ errors: [{ message, extensions: { code: 'REQUEST_TOO_LARGE', maxRequestBytes: MAX } }] });
  const TOO_LARGE = tooLarge('The request body has more than 1,048,576 bytes, the most accepted.');

  it('runs a request of exactly 1 MB (1,048,576 bytes) and refuses one a byte longer, with REQUEST_TOO_LARGE (413)', async () => {
    expect(requestOf(MAX)).toHaveLength(MAX);
    expect(await post(requestOf(MAX))).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    // A text body gets its Content-Length, so the header is enough to refuse it.
    expect(await post(requestOf(MAX + 1))).toEqual({ status: 413, body: tooLarge('The request body has 1,048,577 bytes but at most 1,048,576 are accepted.') });
  });

  it('stops reading a streamed body (no Content-Length) once it passes the limit, before parsing any JSON', async () => {
    let sent = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode(sent === 0 ? '{"query": "' : 'x'.repeat(65536)));
        sent += 1;
      },
      cancel() {
        cancelled = true;
      },
    });
    expect(await post(endless)).toEqual({ status: 413, body: TOO_LARGE });
    expect(cancelled).toBe(true);
    expect(sent).toBeLessThan(MAX / 65536 + 5);
  });

  describe('over a real HTTP connection', () => {
    let http: HttpServer;
    let port: number;
    beforeAll(async () => {
      http = createHttpServer(app.server);
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      port = (http.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => http.close(() => resolve())));

    /** Sends `chunks` (with Content-Length when `length` is given, chunked otherwise); status and body. */
    function send(chunks: string[], length?: number): Promise<{ status: number; body: unknown }> {
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          // A fresh connection each: the server may close one whose request body it refused to read.
          { agent: false, port, host: '127.0.0.1', path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...(length === undefined ? {} : { 'content-length': length }) } },
          (res) => {
            let text = '';
            res.on('data', (chunk) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
          },
        );
        req.on('error', reject);
        for (const chunk of chunks) req.write(chunk);
        req.end();
      });
    }

    it('refuses a body whose Content-Length is over the limit without reading it (it is not even JSON)', async () => {
      const body = `{"query": "${'x'.repeat(MAX)}`;
      expect(await send([body], Buffer.byteLength(body))).toEqual({
        status: 413,
        body: tooLarge('The request body has 1,048,587 bytes but at most 1,048,576 are accepted.'),
      });
    });

    it('refuses a chunked body once it passes the limit', async () => {
      const chunks = ['{"query": "', ...Array.from({ length: 40 }, () => 'x'.repeat(65536))];
      expect(await send(chunks)).toEqual({ status: 413, body: TOO_LARGE });
    });

    it('runs a chunked request within the limit', async () => {
      expect(await send(['{"query": "{ __typ', 'ename }"}'])).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    });
  });
});

describe('input nesting', () => {
  it('refuses a variable nested 1,000 levels deep with INVALID_INPUT at the variable, before coercing it', async () => {
    app.resetQueries();
    const filter = `${'{"not":'.repeat(1000)}{}${'}'.repeat(1000)}`;
    const { status, body } = await post(`{"query": "query($f: ItemFilter) { items(filter: $f) { totalCount } }", "variables": {"f": ${filter}}}`);
    expect([status, body]).toEqual([400, {
      errors: [{
        message: 'Variable "$f" nests objects and lists more than 100 levels deep, the most accepted.',
        extensions: { code: 'INVALID_INPUT', inputPath: ['f'], maxNesting: 100 },
      }],
    }]);
    expect([app.queries, app.logged]).toEqual([[], []]);
  });
});

describe('configuration', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await startTestApp({
      authorize: false,
      limits: { maxDepth: 3, maxCost: 20, maxAliases: 1, maxBatchSize: 2, maxRequestBytes: 200, maxNesting: 6 },
    });
  });
  afterAll(() => small.dispose());

  it('takes every limit from createApp(db, { limits })', async () => {
    const codes = async (query: string) => (await small.gql(query)).body.errors?.map((e: any) => [e.extensions.code, e.extensions]);
    expect(await codes('{ items { edges { node { id } } } }')).toEqual([
      ['QUERY_TOO_DEEP', { code: 'QUERY_TOO_DEEP', depth: 4, maxDepth: 3 }],
      ['QUERY_TOO_COMPLEX', { code: 'QUERY_TOO_COMPLEX', cost: 301, maxCost: 20 }],
    ]);
    expect(await codes('{ a: __typename b: __typename }')).toEqual([['TOO_MANY_ALIASES', { code: 'TOO_MANY_ALIASES', aliases: 2, maxAliases: 1 }]]);
    expect(await codes('{ items(filter: { not: { not: { not: { not: {} } } } }) { totalCount } }')).toEqual([['QUERY_TOO_DEEP', { code: 'QUERY_TOO_DEEP', maxNesting: 6 }]]);
    const batch = await post(JSON.stringify([1, 2, 3].map(() => ({ query: '{ __typename }' }))), small);
    expect([batch.status, batch.body.errors[0].extensions]).toEqual([413, { code: 'BATCH_TOO_LARGE', operations: 3, maxBatchSize: 2 }]);
    const big = await post(JSON.stringify({ query: `{ __typename ${' '.repeat(200)}}` }), small);
    expect([big.status, big.body.errors[0].extensions]).toEqual([413, { code: 'REQUEST_TOO_LARGE', maxRequestBytes: 200 }]);
  });

  it('refuses limits that are not positive integers, naming each one', () => {
    expect(() => normalizeLimits({ maxDepth: 0, maxCost: 1.5, maxAliases: Infinity, maxDepthh: 3 } as never)).toThrow(new TypeError([
      'Invalid server limits:',
      '- limits.maxDepth must be a positive integer but got: 0.',
      '- limits.maxCost must be a positive integer but got: 1.5.',
      '- limits.maxAliases must be a positive integer but got: Infinity.',
      `- limits.maxDepthh is not a limit; known: ${Object.keys(DEFAULT_SCHEMA_LIMITS).join(', ')}.`,
    ].join('\n')));
    expect(() => normalizeLimits({ defaultPageSize: 600 })).toThrow('limits.defaultPageSize must be at most limits.maxPageSize (500) but got: 600.');
    expect(normalizeLimits({ maxDepth: 20 })).toEqual({ ...DEFAULT_SCHEMA_LIMITS, maxDepth: 20 });
  });
});
