import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app/create-app';
import type { Server } from '../../src/server/create-server';
import { sha256Hex } from '../../src/server/persisted-operations-apq';
import { PersistedQueryStore } from '../../src/server/persisted-operations-store';
import { loadTrustedDocuments, trustedDocumentsOf } from '../../src/server/persisted-operations-trusted';
import { persistedOperationsFromEnv } from '../../src/server/persisted-operations';
import { ConfigurationError } from '../../src/util/configuration-error';
import { projectRoot } from '../../src/db/config';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ authorize: false });
});
afterAll(() => app.dispose());

type Body = { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };

/** POSTs `payload` as JSON to `server`; status and parsed body. */
async function post(server: Server, payload: unknown): Promise<{ status: number; body: Body }> {
  const response = await server.fetch('http://test.local/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: await response.json() };
}

/** GETs /graphql with `search` parameters (objects sent as JSON, as Apollo's link does). */
async function get(server: Server, search: Record<string, unknown>): Promise<{ status: number; body: Body }> {
  const query = new URLSearchParams(Object.entries(search).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  const response = await server.fetch(`http://test.local/graphql?${query}`, { headers: { accept: 'application/json' } });
  return { status: response.status, body: await response.json() };
}

const persistedQuery = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } });
const NOT_FOUND = { status: 200, body: { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] } };

describe('automatic persisted queries (Apollo persisted-query link)', () => {
  it('answers an unknown hash with PersistedQueryNotFound, runs and stores the query sent with it, then runs it by hash', async () => {
    const query = '{ apqRoundTrip: workspaces(first: 1) { totalCount } }';
    const extensions = persistedQuery(query);
    app.resetQueries();
    expect(await post(app.server, { extensions })).toEqual(NOT_FOUND);
    expect(app.queries).toEqual([]);
    const full = await post(app.server, { query, extensions });
    expect(full).toEqual({ status: 200, body: { data: { apqRoundTrip: { totalCount: expect.any(Number) } } } });
    expect(await post(app.server, { extensions })).toEqual(full);
  });

  it('takes the hash in upper case too, and variables and operationName with a stored document', async () => {
    const query = 'query Page($n: Int) { apqVariables: workspaces(first: $n) { edges { cursor } } }';
    await post(app.server, { query, variables: { n: 0 }, extensions: persistedQuery(query) });
    const upper = { persistedQuery: { version: 1, sha256Hash: sha256Hex(query).toUpperCase() } };
    expect(await post(app.server, { operationName: 'Page', variables: { n: 0 }, extensions: upper })).toEqual({ status: 200, body: { data: { apqVariables: { edges: [] } } } });
  });

  it('refuses a query whose hash is not its SHA-256, running and storing nothing', async () => {
    const query = '{ apqMismatch: __typename }';
    const extensions = persistedQuery('{ somethingElse: __typename }');
    expect(await post(app.server, { query, extensions })).toEqual({
      status: 400,
      body: { errors: [{ message: 'provided sha does not match query', extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' } }] },
    });
    expect(await post(app.server, { extensions })).toEqual(NOT_FOUND);
  });

  it('does not store a query that fails validation or the limits', async () => {
    for (const query of ['{ apqInvalid: noSuchField }', '{ items(first: 500) { edges { node { comments(limit: 500) { body } } } } }']) {
      const extensions = persistedQuery(query);
      const refused = await post(app.server, { query, extensions });
      expect(refused.body.errors?.[0]?.extensions?.code).toMatch(/GRAPHQL_VALIDATION_FAILED|QUERY_TOO_COMPLEX/);
      expect(await post(app.server, { extensions })).toEqual(NOT_FOUND);
    }
  });

  it('refuses a persistedQuery extension of another version or without a SHA-256 hash with BAD_REQUEST', async () => {
    const refusal = async (persisted: unknown) => {
      const { status, body } = await post(app.server, { query: '{ __typename }', extensions: { persistedQuery: persisted } });
      return [status, body.errors?.[0]?.extensions?.code];
    };
    expect(await refusal({ version: 2, sha256Hash: sha256Hex('{ __typename }') })).toEqual([400, 'BAD_REQUEST']);
    expect(await refusal({ version: 1, sha256Hash: 'abc' })).toEqual([400, 'BAD_REQUEST']);
    expect(await refusal(null)).toEqual([400, 'BAD_REQUEST']);
  });

  it('works over GET for queries (hash only, then query and hash), and refuses a stored mutation over GET', async () => {
    const query = '{ apqGet: workspaces(first: 0) { edges { cursor } } }';
    const extensions = persistedQuery(query);
    expect(await get(app.server, { extensions })).toEqual(NOT_FOUND);
    expect(await get(app.server, { query, extensions })).toEqual({ status: 200, body: { data: { apqGet: { edges: [] } } } });
    expect(await get(app.server, { extensions })).toEqual({ status: 200, body: { data: { apqGet: { edges: [] } } } });

    const mutation = 'mutation { apqMutation: createWorkspace(input: { name: "Registered by POST" }) { result { name } } }';
    const stored = await post(app.server, { query: mutation, extensions: persistedQuery(mutation) });
    expect(stored.body.data).toEqual({ apqMutation: { result: { name: 'Registered by POST' } } });
    const before = await app.counts();
    const overGet = await get(app.server, { extensions: persistedQuery(mutation) });
    expect([overGet.status, overGet.body.errors?.[0]?.message]).toEqual([405, 'Can only perform a mutation operation from a POST request.']);
    expect(await app.counts()).toEqual(before);
  });

  it('still answers a request with neither query nor hash with Yoga\'s BAD_REQUEST', async () => {
    const { status, body } = await post(app.server, { variables: {} });
    expect([status, body.errors?.[0]]).toEqual([200, { message: 'Must provide query string.', extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('keeps at most maxDocuments documents, forgetting the least recently used first', async () => {
    const { server } = createApp(app.db, { authorize: false, persistedOperations: { mode: 'automatic', maxDocuments: 2 } });
    const queries = ['{ first: __typename }', '{ second: __typename }', '{ third: __typename }'];
    const register = (query: string) => post(server, { query, extensions: persistedQuery(query) });
    const byHash = (query: string) => post(server, { extensions: persistedQuery(query) });
    await register(queries[0]!);
    await register(queries[1]!);
    expect((await byHash(queries[0]!)).body).toEqual({ data: { first: 'Query' } }); // now the most recently used
    await register(queries[2]!); // evicts the second
    expect(await byHash(queries[1]!)).toEqual(NOT_FOUND);
    expect((await byHash(queries[0]!)).body).toEqual({ data: { first: 'Query' } });
    expect((await byHash(queries[2]!)).body).toEqual({ data: { third: 'Query' } });
  });

  it('bounds the store by bytes of text too, and keeps no document larger than the whole bound', () => {
    const store = new PersistedQueryStore(100, 10);
    store.set('a', '12345');
    store.set('b', '12345');
    expect([store.get('a'), store.get('b'), store.size]).toEqual(['12345', '12345', 2]);
    store.set('c', '123'); // 13 bytes: the least recently used (a) goes
    expect([store.get('a'), store.get('b'), store.get('c'), store.size]).toEqual([undefined, '12345', '123', 2]);
    store.set('d', '12345678901');
    expect([store.get('d'), store.size]).toEqual([undefined, 2]);
    store.set('b', 'é'.repeat(5)); // 10 bytes of UTF-8 replace b's 5; c (3) must go
    expect([store.get('b'), store.get('c'), store.size]).toEqual(['é'.repeat(5), undefined, 1]);
  });

  it('refuses bounds that are not positive integers', () => {
    expect(() => createApp(app.db, { persistedOperations: { mode: 'automatic', maxDocuments: 0 } })).toThrow('persistedOperations.maxDocuments must be a positive integer, not 0.');
    expect(() => createApp(app.db, { persistedOperations: { mode: 'automatic', maxBytes: 1.5 } })).toThrow('persistedOperations.maxBytes must be a positive integer, not 1.5.');
  });
});

describe('trusted documents only (TRUSTED_DOCUMENTS)', () => {
  const generated = join(projectRoot, 'examples/client/generated/persisted-documents.json');
  const manifest = require(generated) as Record<string, string>;
  const idOf = (operationName: string) => Object.entries(manifest).find(([, text]) => text.includes(`query ${operationName}`))![0];
  let trusted: Server;
  beforeAll(() => {
    trusted = createApp(app.db, { authorize: false, persistedOperations: persistedOperationsFromEnv({ TRUSTED_DOCUMENTS: generated }) }).server;
  });

  it('runs a listed document by documentId (POST and GET) or by the APQ hash', async () => {
    const id = idOf('WorkspacesWithItems');
    const expected = { status: 200, body: { data: { workspaces: expect.objectContaining({ totalCount: expect.any(Number) }) } } };
    expect(await post(trusted, { documentId: id, variables: { first: 1 } })).toEqual(expected);
    expect(await get(trusted, { documentId: id, variables: { first: 1 } })).toEqual(expected);
    expect(await post(trusted, { variables: { first: 1 }, extensions: { persistedQuery: { version: 1, sha256Hash: id.slice('sha256:'.length) } } })).toEqual(expected);
  });

  it('refuses query text, even a valid one or one in the list, with PERSISTED_QUERY_ONLY before any SQL', async () => {
    app.resetQueries();
    const listed = manifest[idOf('WorkspacesWithItems')]!;
    for (const payload of [{ query: '{ workspaces { totalCount } }' }, { query: listed }, { query: listed, documentId: idOf('WorkspacesWithItems') }, { query: listed, extensions: persistedQuery(listed) }]) {
      const { status, body } = await post(trusted, payload);
      expect([status, body.errors?.map((e) => e.extensions?.code), body.data]).toEqual([400, ['PERSISTED_QUERY_ONLY'], undefined]);
    }
    expect((await get(trusted, { query: '{ __typename }' })).status).toBe(400);
    expect(app.queries).toEqual([]);
  });

  it('refuses an unknown documentId with PERSISTED_QUERY_NOT_IN_LIST and a request without one with PERSISTED_QUERY_ID_REQUIRED', async () => {
    const codes = async (payload: unknown) => {
      const { status, body } = await post(trusted, payload);
      return [status, body.errors?.map((e) => e.extensions?.code)];
    };
    expect(await codes({ documentId: `sha256:${sha256Hex('{ __typename }')}` })).toEqual([400, ['PERSISTED_QUERY_NOT_IN_LIST']]);
    expect(await codes({ documentId: 'not-a-hash' })).toEqual([400, ['PERSISTED_QUERY_NOT_IN_LIST']]);
    expect(await codes({ extensions: persistedQuery('{ __typename }') })).toEqual([400, ['PERSISTED_QUERY_NOT_IN_LIST']]);
    expect(await codes({ variables: {} })).toEqual([400, ['PERSISTED_QUERY_ID_REQUIRED']]);
  });

  it('registers nothing: a hash-only request after its query was refused is still not in the list', async () => {
    const query = '{ trustedRegistration: __typename }';
    await post(trusted, { query, extensions: persistedQuery(query) });
    expect((await post(trusted, { extensions: persistedQuery(query) })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });

  describe('refuses at start-up, naming the problem', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'trusted-documents-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = (name: string, content: string) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };
    const refusal = (load: () => unknown) => {
      try {
        load();
      } catch (error) {
        return [error instanceof ConfigurationError, (error as Error).message];
      }
      return [false, 'no error'];
    };

    it('a missing file, one that is not JSON, not an object of ids to documents, or empty', () => {
      expect(refusal(() => loadTrustedDocuments(join(dir, 'missing.json')))).toEqual([true, expect.stringMatching(/^TRUSTED_DOCUMENTS: cannot read .*missing\.json \(ENOENT/)]);
      expect(refusal(() => loadTrustedDocuments(file('bad.json', '{ "sha256:')))).toEqual([true, expect.stringMatching(/^TRUSTED_DOCUMENTS: .*bad\.json is not JSON/)]);
      expect(refusal(() => trustedDocumentsOf(['{ __typename }'], 'list.json'))).toEqual([true, expect.stringMatching(/^TRUSTED_DOCUMENTS: list\.json is not an object of "sha256:<hex>"/)]);
      expect(refusal(() => trustedDocumentsOf({ 'my-query': '{ __typename }' }, 'ids.json'))).toEqual([true, expect.stringContaining('the entry "my-query" is not.')]);
      expect(refusal(() => trustedDocumentsOf({}, 'empty.json'))).toEqual([true, 'TRUSTED_DOCUMENTS: empty.json lists no documents, so the server could run nothing.']);
    });

    it('an id that is not the SHA-256 of its document (an edited file)', () => {
      const id = `sha256:${sha256Hex('{ __typename }')}`;
      expect(refusal(() => trustedDocumentsOf({ [id]: '{ edited: __typename }' }, 'edited.json'))).toEqual([
        true,
        `TRUSTED_DOCUMENTS: in edited.json, "${id}" is not the SHA-256 of its document; regenerate the file (npm run codegen).`,
      ]);
    });

    it('documents that do not parse or do not fit the schema (generated for another version of the API)', () => {
      const stale = '{ noSuchField }';
      const broken = '{ items ';
      const documents = trustedDocumentsOf({ [`sha256:${sha256Hex(stale)}`]: stale, [sha256Hex(broken)]: broken }, 'stale.json');
      const [isConfigurationError, message] = refusal(() => createApp(app.db, { persistedOperations: { mode: 'trusted', documents } }));
      expect(isConfigurationError).toBe(true);
      expect(String(message).split('\n')).toEqual([
        "TRUSTED_DOCUMENTS: 2 trusted document(s) do not fit this server's schema; regenerate them against it (npm run codegen).",
        `sha256:${sha256Hex(stale)}: Cannot query field "noSuchField" on type "Query".`,
        `sha256:${sha256Hex(broken)}: Syntax Error: Expected Name, found <EOF>.`,
      ]);
    });
  });
});
