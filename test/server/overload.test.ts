import { GraphQLError } from 'graphql';
import { createApp } from '../../src/app/create-app';
import { databaseConfigFromEnv } from '../../src/db/config';
import { createErrorMasker } from '../../src/server/mask-errors';
import { isOverload } from '../../src/server/overload';
import { graphqlClient } from '../support/app';
import { openTestDatabase, type TestDatabase } from '../support/database';
import { createWorkspace } from '../support/fixtures';

/**
 * Overload inside a request (no pooled connection or transaction in time) is
 * SERVICE_UNAVAILABLE with HTTP 503 and Retry-After, never "Unexpected error.",
 * and nothing is written.
 */
describe('the error masker', () => {
  it.each([
    ['Prisma P2028 (transaction could not start in time)', Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), { code: 'P2028' })],
    ['pg pool wait', new Error('timeout exceeded when trying to connect')],
    ['wrapped', new Error('write failed', { cause: Object.assign(new Error('x'), { code: 'P2028' }) })],
  ])('answers %s with SERVICE_UNAVAILABLE, logged at info level', (_name, error) => {
    const logged = { error: [] as unknown[], info: [] as unknown[] };
    const masked = createErrorMasker({ error: (...a) => void logged.error.push(a), info: (...a) => void logged.info.push(a) })(new GraphQLError('x', { originalError: error }));
    expect((masked as GraphQLError).extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: { 'Retry-After': '1' } } });
    expect([logged.error.length, logged.info.length]).toEqual([0, 1]);
  });

  it('reads DATABASE_POOL_SIZE (default 10) and refuses a bad one at start-up', () => {
    const url = 'postgresql://localhost/x';
    expect(databaseConfigFromEnv({ DATABASE_URL: url, DATABASE_POOL_SIZE: '3' })).toMatchObject({ poolSize: 3 });
    expect(databaseConfigFromEnv({ DATABASE_URL: url })).toMatchObject({ poolSize: 10 });
    for (const bad of ['0', '1001', 'ten']) {
      expect(() => databaseConfigFromEnv({ DATABASE_URL: url, DATABASE_POOL_SIZE: bad })).toThrow(`DATABASE_POOL_SIZE must be a whole number of connections from 1 to 1000 (e.g. 10) but got: "${bad}".`);
    }
  });

  it('leaves other errors alone', () => {
    expect(isOverload(Object.assign(new Error('duplicate key'), { code: 'P2002' }))).toBe(false);
  });
});

// PGlite has one connection inside the process: a request waits for it as long as it takes.
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres('a server whose only connection is busy (PostgreSQL, pool of 1)', () => {
  let db: TestDatabase;
  let gql: ReturnType<typeof graphqlClient>;
  let workspaceId: string;
  const logged: unknown[][] = [];
  beforeAll(async () => {
    db = await openTestDatabase({ poolSize: 1, statementTimeoutMs: 30_000 });
    const app = createApp(db, { authorize: false, logger: { error: (...args) => void logged.push(args), info: () => {} } });
    gql = graphqlClient(app.server);
    workspaceId = await createWorkspace({ gql } as never, 'Busy');
  });
  afterAll(() => db?.dispose());

  it('answers reads and writes 503 SERVICE_UNAVAILABLE with Retry-After, writes nothing, logs no error', async () => {
    const before = await db.prisma.event.count();
    const held = db.prisma.$transaction(async (tx) => void (await tx.$executeRawUnsafe('select pg_sleep(7)')), { timeout: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [read, write] = await Promise.all([
      rawPost('{ items { totalCount } }'),
      rawPost(`mutation { createItem(input: { title: "Busy", workspaceId: "${workspaceId}", comments: [{ body: "x" }] }) { result { id } errors { code } } }`),
    ]);
    for (const response of [read, write]) {
      expect(response.status).toBe(503);
      expect(response.retryAfter).toBe('1');
      expect(response.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    }
    await held;
    expect(await db.prisma.event.count()).toBe(before);
    expect(logged).toEqual([]);
    // Once the connection is free again, requests run.
    expect((await gql('{ items { totalCount } }')).status).toBe(200);
  }, 30_000);

  async function rawPost(query: string) {
    const response = await (createApp(db, { authorize: false, logger: { error: (...args) => void logged.push(args), info: () => {} } }).server)
      .fetch('http://test.local/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
  }
});
