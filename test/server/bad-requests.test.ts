import { isObjectType, type GraphQLField } from 'graphql';
import { seedDemoData } from '../../src/app/seed';
import { FILTER_LIMITS } from '../../src/engine/filter';
import { names } from '../../src/graphql/type-names';
import { createApp } from '../../src/app/create-app';
import { graphqlClient, startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  await seedDemoData({ prisma: app.prisma, sql: app.db.sql, domain: app.domain, metadata: { actor: null, correlationId: 'seed' } });
});
afterAll(() => app.dispose());

/** Sends `init` to /graphql in-process; status and the body (JSON, or text when it is not JSON). */
async function send(init: RequestInit & { search?: string }) {
  const { search = '', ...rest } = init;
  const response = await app.server.fetch(`http://test.local/graphql${search}`, {
    method: 'POST',
    ...rest,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(rest.headers as Record<string, string>) },
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body };
}

/** Runs `body`, then checks that no event and no row was written and nothing was logged as unexpected. */
async function expectNothingWritten(body: () => Promise<void>): Promise<void> {
  const before = await app.counts();
  await body();
  expect(await app.counts()).toEqual(before);
  expect(app.logged).toEqual([]);
}

const badRequest = (message: string) => ({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
const CREATE_WORKSPACE = 'mutation { createWorkspace(input: { name: "Nope" }) { result { id } } }';

describe('malformed HTTP requests (answered by Yoga with BAD_REQUEST before any parsing of GraphQL)', () => {
  it('refuses a body that is not JSON', () =>
    expectNothingWritten(async () => {
      expect(await send({ body: '{"query": "mutation { createWorkspace' })).toEqual({
        status: 400,
        body: { errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST', originalError: { name: 'SyntaxError', message: expect.any(String) } } }] },
      });
    }));

  it('refuses JSON that is not an object (nor a batch)', async () => {
    expect(await send({ body: '"{ __typename }"' })).toEqual({ status: 400, body: badRequest('POST body is expected to be object but received string') });
    expect(await send({ body: 'null' })).toEqual({ status: 400, body: badRequest('POST body is expected to be object but received null') });
    expect(await send({ body: '42' })).toEqual({ status: 400, body: badRequest('POST body is expected to be object but received number') });
    expect(await send({ body: '[42]' })).toEqual({ status: 200, body: [badRequest('Expected params to be an object but given number.')] });
  });

  it('refuses a request without a query, or with parameters of the wrong type or unknown', async () => {
    // GraphQL over HTTP: with `accept: application/json` a well-formed request that cannot run is answered 200.
    expect(await send({ body: '{"variables": {}}' })).toEqual({ status: 200, body: badRequest('Must provide query string.') });
    expect(await send({ body: '{"query": 42}' })).toEqual({ status: 400, body: badRequest('Expected "query" param to be a string, but given number.') });
    expect(await send({ body: '{"query": "{ __typename }", "variables": "x"}' })).toEqual({ status: 400, body: badRequest('Expected "variables" param to be empty or an object, but given string.') });
    expect(await send({ body: '{"query": "{ __typename }", "mutation": "x"}' })).toEqual({ status: 400, body: badRequest('Unexpected parameter "mutation" in the request body.') });
  });

  it('refuses a mutation sent with GET (405) and writes nothing', () =>
    expectNothingWritten(async () => {
      expect(await send({ method: 'GET', search: `?query=${encodeURIComponent(CREATE_WORKSPACE)}` })).toEqual({
        status: 405,
        body: badRequest('Can only perform a mutation operation from a POST request.'),
      });
      expect(await send({ method: 'GET', search: `?query=${encodeURIComponent('{ __typename }')}` })).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    }));

  it('refuses media types it does not read with 415, multipart included (the schema takes no uploads)', () =>
    expectNothingWritten(async () => {
      expect(await send({ headers: { 'content-type': 'text/plain' }, body: CREATE_WORKSPACE })).toEqual({ status: 415, body: '' });
      const form = new FormData();
      form.set('operations', JSON.stringify({ query: CREATE_WORKSPACE }));
      const multipart = await app.server.fetch('http://test.local/graphql', { method: 'POST', body: form });
      expect(multipart.status).toBe(415);
    }));

  it('reports a syntax error with GRAPHQL_PARSE_FAILED', async () => {
    expect(await send({ body: JSON.stringify({ query: '{ items(first: ) { totalCount } }' }) })).toEqual({
      status: 200,
      body: { errors: [{ message: 'Syntax Error: Unexpected ")".', locations: [{ line: 1, column: 16 }], extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] },
    });
  });
});

describe('bad variables', () => {
  const LIST = 'query($n: Int, $f: ItemFilter, $s: [ItemSort!]) { items(first: $n, filter: $f, sort: $s) { totalCount } }';

  it('reports a variable of the wrong type with INVALID_INPUT at its path', async () => {
    const { status, body } = await app.gql(LIST, { n: 'ten' });
    expect([status, body]).toEqual([400, {
      errors: [{
        message: 'Variable "$n" got invalid value "ten"; Int cannot represent non-integer value: "ten"',
        locations: [{ line: 1, column: 7 }],
        extensions: { code: 'INVALID_INPUT', inputPath: ['n'] },
      }],
    }]);
    const nested = await app.gql(LIST, { f: { priority: { in: [1, 'two'] } } });
    expect(nested.body.errors?.[0]?.extensions).toEqual({ code: 'INVALID_INPUT', inputPath: ['f', 'priority', 'in', '1'] });
  });

  it('reports an unknown enum value in a variable with INVALID_INPUT at its path, and in the query text as a validation error', async () => {
    expect((await app.gql(LIST, { f: { status: { eq: 'LATER' } } })).body.errors?.[0]?.extensions).toEqual({ code: 'INVALID_INPUT', inputPath: ['f', 'status', 'eq'] });
    expect((await app.gql(LIST, { s: [{ field: 'COLOUR' }] })).body.errors?.[0]?.extensions).toEqual({ code: 'INVALID_INPUT', inputPath: ['s', '0', 'field'] });
    const { status, body } = await app.gql('{ items(filter: { status: { eq: LATER } }) { totalCount } }');
    expect([status, body]).toEqual([200, {
      errors: [{ message: 'Value "LATER" does not exist in "ItemStatus" enum.', locations: [{ line: 1, column: 33 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    }]);
  });

  it('refuses the NUL character (which PostgreSQL cannot store) in variables and in query strings, with INVALID_INPUT, before any SQL', async () => {
    app.resetQueries();
    const message = 'Text cannot contain the NUL character (U+0000): the database cannot store it. Remove it from the string.';
    expect(await app.gql(LIST, { f: { or: [{ title: { eq: 'a' } }, { title: { in: ['b', 'c\u0000'] } }] } })).toEqual({
      status: 400,
      body: { errors: [{ message, extensions: { code: 'INVALID_INPUT', inputPath: ['f', 'or', '1', 'title', 'in', '1'] } }] },
    });
    expect(await app.gql('{ items(filter: { title: { eq: "a\\u0000" } }) { totalCount } }')).toEqual({
      status: 400,
      body: { errors: [{ message, locations: [{ line: 1, column: 32 }], extensions: { code: 'INVALID_INPUT' } }] },
    });
    expect([app.queries, app.logged]).toEqual([[], []]);
  });
});

describe('inputs the fuzz test found failing with a 500 (now refused clearly, nothing written)', () => {
  it('a missing or null required variable is INVALID_INPUT at the variable', async () => {
    const query = 'query($id: ID!) { item(id: $id) { id } }';
    for (const variables of [{}, { id: null }]) {
      const { status, body } = await app.gql(query, variables);
      expect(status).toBe(400);
      expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'INVALID_INPUT', inputPath: ['id'] }]);
    }
  });

  it('an unpaired UTF-16 surrogate (which jsonb cannot store) in a variable, before any SQL', () =>
    expectNothingWritten(async () => {
      app.resetQueries();
      const message = 'Text cannot contain an unpaired UTF-16 surrogate (e.g. "\\ud800" alone): it is not a character and the database cannot store it.';
      const variable = await app.gql('mutation($n: String!) { createMember(input: { name: $n, email: "s@x.test" }) { result { id } } }', { n: 'x\ud800' });
      expect(variable).toEqual({ status: 400, body: { errors: [{ message, extensions: { code: 'INVALID_INPUT', inputPath: ['n'] } }] } });
      // In the query text graphql-js's lexer refuses one already.
      const literal = await app.gql('mutation { createMember(input: { name: "x\\udc00", email: "s@x.test" }) { result { id } } }');
      expect(literal.body.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
      // A surrogate pair is one character, and fine.
      const pair = await app.gql('mutation($n: String!) { createMember(input: { name: $n, email: "pair@x.test" }) { result { name } } }', { n: 'x😀' });
      expect(pair.body.data.createMember.result).toEqual({ name: 'x😀' });
      await app.prisma.member.delete({ where: { email: 'pair@x.test' } });
      await app.prisma.event.deleteMany({ where: { payload: { path: ['email'], equals: 'pair@x.test' } } });
    }));

  it('a DateTime outside years 0001-9999, in a filter or as asOf', async () => {
    for (const query of [
      '{ items(filter: { createdAt: { lt: "0000-01-01T00:00:00Z" } }) { totalCount } }',
      '{ member(id: "0190a6f0-0000-7000-8000-000000000001", asOf: "0001-01-01T00:00:00+02:00") { id } }',
    ]) {
      const { status, body } = await app.gql(query);
      expect(status).toBe(200);
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_INPUT']);
      expect(body.errors?.[0]?.message).toMatch(/between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z/);
    }
    expect(app.logged).toEqual([]);
  });

  it('the same event link given twice is INVALID_INPUT at the second one', () =>
    expectNothingWritten(async () => {
      const itemId = (await app.prisma.item.findFirstOrThrow()).id;
      const eventId = (await app.prisma.event.findFirstOrThrow()).id;
      const { body } = await app.gql(
        'mutation($input: CreateCommentInput!, $links: [CommentEventLinkInput!]) { createComment(input: $input, links: $links) { result { id } errors { code path } } }',
        { input: { body: 'b', itemId }, links: [{ type: 'REPLIES_TO', eventId }, { type: 'REPLIES_TO', eventId: eventId.toUpperCase() }] },
      );
      expect(body.data.createComment).toEqual({ result: null, errors: [{ code: 'INVALID_INPUT', path: ['links', '1', 'eventId'] }] });
    }));

  it('isNull on a key attribute takes a boolean (it was checked as a UUID)', async () => {
    const { body } = await app.gql('{ yes: items(filter: { workspaceId: { isNull: false } }) { totalCount } no: items(filter: { workspaceId: { isNull: true } }) { totalCount } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.yes.totalCount).toBe(await app.prisma.item.count());
    expect(body.data.no.totalCount).toBe(0);
  });
});

describe('bad read arguments', () => {
  it('refuses a malformed id as an argument, in a filter on an id or a key, and in the events filter, at its path', async () => {
    const cases: [string, string[]][] = [
      ['{ item(id: "nope") { id } }', ['id']],
      ['{ items(filter: { id: { eq: "nope" } }) { totalCount } }', ['filter', 'id', 'eq']],
      ['{ items(filter: { id: { in: ["0190a6f0-0000-7000-8000-00000000dead", "nope"] } }) { totalCount } }', ['filter', 'id', 'in', '1']],
      ['{ items(filter: { workspaceId: { ne: "nope" } }) { totalCount } }', ['filter', 'workspaceId', 'ne']],
      ['{ items(filter: { workspace: { id: { eq: "nope" } } }) { totalCount } }', ['filter', 'workspace', 'id', 'eq']],
      ['{ events(filter: { recordId: "nope" }) { pageInfo { hasNextPage } } }', ['filter', 'recordId']],
    ];
    for (const [query, inputPath] of cases) {
      app.resetQueries();
      const { status, body } = await app.gql(query);
      expect([query, status, body.errors?.[0]?.message, body.errors?.[0]?.extensions]).toEqual([
        query, 200, 'Expected a UUID but got: "nope".', { code: 'INVALID_INPUT', inputPath },
      ]);
      expect(app.queries).toEqual([]);
    }
  });

  it('refuses cursors it did not issue on every list that takes them, at the argument', async () => {
    const anItem = (await app.gql('{ items(first: 1) { edges { node { id } } } }')).body.data.items.edges[0].node.id;
    const cases: [string, string][] = [
      ['{ items(first: 1, after: "bm9wZQ") { totalCount } }', 'after'],
      ['{ members(last: 1, before: "bm9wZQ") { totalCount } }', 'before'],
      [`{ item(id: "${anItem}") { history(after: "bm9wZQ") { pageInfo { hasNextPage } } } }`, 'after'],
      ['{ events(after: "%%%") { pageInfo { hasNextPage } } }', 'after'],
    ];
    for (const [query, argument] of cases) {
      const { status, body } = await app.gql(query);
      expect([query, status, body.errors?.[0]?.extensions]).toEqual([query, 200, { code: 'INVALID_INPUT', inputPath: [argument] }]);
    }
  });

  describe('page sizes beyond 500 on every list, with INVALID_INPUT at the argument and no statement for that list', () => {
    /** Every field of the schema taking a page size, as [type, field, argument]. */
    function pagedFields(): [string, GraphQLField<unknown, unknown>, string][] {
      const found: [string, GraphQLField<unknown, unknown>, string][] = [];
      for (const type of Object.values(app.schema.getTypeMap())) {
        if (!isObjectType(type) || type.name.startsWith('__')) continue;
        for (const field of Object.values(type.getFields())) {
          for (const arg of field.args) if (['first', 'last', 'limit'].includes(arg.name)) found.push([type.name, field, arg.name]);
        }
      }
      return found;
    }

    /** A query reaching `selection` on one record of `type` through the type's root list (or on Query). */
    function reaching(type: string, selection: string): string {
      if (type === 'Query') return `{ ${selection} }`;
      return `{ ${names.listQuery(app.domain.resource(type))}(first: 1) { edges { node { ${selection} } } } }`;
    }

    it('covers every root connection, relationship list, history and events', () => {
      const covered = pagedFields().map(([type, field, arg]) => `${type}.${field.name}(${arg})`);
      expect(covered).toEqual(expect.arrayContaining([
        'Query.items(first)', 'Query.items(last)', 'Query.events(first)', 'Item.history(first)', 'Item.comments(limit)',
        'Item.members(limit)', 'Item.dependencies(limit)', 'Item.higherPriorityItems(limit)', 'Member.itemsAboveThreshold(limit)',
      ]));
      expect(covered.length).toBeGreaterThan(30);
    });

    it('refuses 501 and -1', async () => {
      for (const [type, field, arg] of pagedFields()) {
        app.resetQueries();
        await app.gql(reaching(type, '__typename'));
        const reachOnly = app.queries.length;
        for (const size of [501, -1]) {
          app.resetQueries();
          const { status, body } = await app.gql(reaching(type, `${field.name}(${arg}: ${size}) { __typename }`));
          expect([type, field.name, size, status, body.errors?.[0]?.message, body.errors?.[0]?.extensions]).toEqual([
            type, field.name, size, 200, `"${arg}" must be between 0 and 500 but got: ${size}.`, { code: 'INVALID_INPUT', inputPath: [arg] },
          ]);
          expect([type, field.name, app.queries.length]).toEqual([type, field.name, reachOnly]);
        }
      }
    });
  });
});

describe('bad filters', () => {
  const COUNT = 'query($f: ItemFilter) { items(filter: $f) { totalCount } }';
  const values = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);

  it(`takes up to ${FILTER_LIMITS.maxListLength} values in an in / notIn list and refuses more with INVALID_INPUT, before any SQL`, async () => {
    expect((await app.gql(COUNT, { f: { title: { in: values(500) } } })).body).toEqual({ data: { items: { totalCount: 0 } } });
    for (const [operator, n] of [['in', 501], ['notIn', 70_000]] as const) {
      app.resetQueries();
      const { status, body } = await app.gql(COUNT, { f: { title: { [operator]: values(n) } } });
      expect([status, body]).toEqual([200, {
        data: null,
        errors: [{
          message: `"${operator}" must hold at most 500 values but got: ${n}. Split the request, or filter on a range (gt / lt).`,
          locations: [{ line: 1, column: 25 }],
          path: ['items'],
          extensions: { code: 'INVALID_INPUT', inputPath: ['filter', 'title', operator] },
        }],
      }]);
      expect([app.queries, app.logged]).toEqual([[], []]);
    }
  });

  it(`refuses a filter holding more than ${FILTER_LIMITS.maxValues} values in all (PostgreSQL takes at most 65,535 parameters)`, async () => {
    const or = Array.from({ length: 11 }, () => ({ title: { in: values(500) } }));
    const { body } = await app.gql(COUNT, { f: { or } });
    expect(body.errors?.[0]).toMatchObject({
      message: 'A filter must hold at most 5000 values (operands and list entries together) but got: 5500. Split the request.',
      extensions: { code: 'INVALID_INPUT', inputPath: ['filter'] },
    });
  });

  it('refuses a string operand longer than its attribute can be, naming the attribute and its limit', async () => {
    const cases: [string, Record<string, unknown>, string[], string][] = [
      ['query($f: CommentFilter) { comments(filter: $f) { totalCount } }', { body: { eq: 'x'.repeat(10_001) } }, ['filter', 'body', 'eq'], '"eq" must be at most 10000 characters (the longest Comment.body can be) but has 10001.'],
      [COUNT, { title: { contains: 'x'.repeat(501) } }, ['filter', 'title', 'contains'], '"contains" must be at most 500 characters (the longest Item.title can be) but has 501.'],
      [COUNT, { workspace: { name: { in: ['ok', 'x'.repeat(201)] } } }, ['filter', 'workspace', 'name', 'in', '1'], '"in" must be at most 200 characters (the longest Workspace.name can be) but has 201.'],
    ];
    for (const [query, f, inputPath, message] of cases) {
      const { body } = await app.gql(query, { f });
      expect(body.errors?.[0]).toMatchObject({ message, extensions: { code: 'INVALID_INPUT', inputPath } });
    }
    const within = await app.gql(COUNT, { f: { title: { startsWith: 'x'.repeat(500) } } });
    expect(within.body).toEqual({ data: { items: { totalCount: 0 } } });
  });

  it(`takes filters nested ${FILTER_LIMITS.maxDepth} levels deep and refuses deeper ones at the level too deep (and / or / not and relationships alike)`, async () => {
    /** `{}` wrapped `times` times by `wrap`. */
    const nest = (times: number, wrap: (inner: object) => object): object => (times === 0 ? {} : wrap(nest(times - 1, wrap)));
    const not = (inner: object) => ({ not: inner });
    const and = (inner: object) => ({ and: [inner] });
    const throughWorkspace = (inner: object) => ({ workspace: { items: { some: inner } } }); // two levels: Workspace, then Item
    // Seven to-many quantifiers deep is far beyond the default cost limit (see "Limits"); this checks the nesting limit alone.
    const gql = graphqlClient(createApp(app.db, { authorize: false, limits: { maxCost: Number.MAX_SAFE_INTEGER }, logger: { error: () => {}, info: () => {} } }).server);
    for (const f of [nest(15, not), not(nest(7, throughWorkspace))]) {
      expect((await gql(COUNT, { f })).body.errors).toBeUndefined();
    }
    const cases: [object, string[]][] = [
      [nest(16, not), ['filter', ...Array(16).fill('not')]],
      [nest(16, and), ['filter', ...Array(16).fill(['and', '0']).flat()]],
      [nest(8, throughWorkspace), ['filter', ...Array(8).fill(['workspace', 'items', 'some']).flat()]],
    ];
    for (const [f, inputPath] of cases) {
      app.resetQueries();
      const { body } = await gql(COUNT, { f });
      expect(body.errors?.[0]).toMatchObject({
        message: 'Filters must nest at most 16 levels deep (and, or, not and each relationship add one) but this one goes deeper here; flatten it.',
        extensions: { code: 'INVALID_INPUT', inputPath },
      });
      expect(app.queries).toEqual([]);
    }
  });

  it('applies the same limits to the filter of a relationship field', async () => {
    const { body } = await app.gql('query($f: CommentFilter) { items(first: 1) { edges { node { comments(filter: $f) { id } } } } }', { f: { body: { notIn: values(501) } } });
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_INPUT', inputPath: ['filter', 'body', 'notIn'] } });
  });
});
