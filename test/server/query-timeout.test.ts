import { ConfigurationError } from '../../src/util/configuration-error';
import { GraphQLError, parse } from 'graphql';
import { Client } from 'pg';
import { createApp } from '../../src/app/create-app';
import { databaseConfigFromEnv } from '../../src/db/config';
import { createErrorMasker } from '../../src/server/mask-errors';
import { graphqlClient } from '../support/app';
import { openTestDatabase, type TestDatabase } from '../support/database';

const MESSAGE = "The query took longer than the database's statement timeout and was cancelled; ask for fewer records or a simpler filter.";

describe('STATEMENT_TIMEOUT_MS', () => {
  const url = 'postgresql://someone@db.example/app';

  it('defaults to 5000 ms and takes a positive whole number of milliseconds', () => {
    expect(databaseConfigFromEnv({ DATABASE_URL: url })).toEqual({ kind: 'postgres', url, statementTimeoutMs: 5000, poolSize: 10, preparedStatements: true });
    expect(databaseConfigFromEnv({ DATABASE_URL: url, STATEMENT_TIMEOUT_MS: ' 250 ' })).toEqual({ kind: 'postgres', url, statementTimeoutMs: 250, poolSize: 10, preparedStatements: true });
  });

  it('refuses anything else, on PGlite too (which cannot enforce it), saying what it must be', () => {
    expect(() => databaseConfigFromEnv({ STATEMENT_TIMEOUT_MS: '5s' })).toThrow(
      new ConfigurationError('STATEMENT_TIMEOUT_MS must be a whole number of milliseconds (e.g. 5000) but got: "5s".'),
    );
    for (const value of ['0', '2147483648']) {
      expect(() => databaseConfigFromEnv({ DATABASE_URL: url, STATEMENT_TIMEOUT_MS: value })).toThrow(
        new ConfigurationError(`STATEMENT_TIMEOUT_MS must be a positive integer of milliseconds, at most 2147483647 (PostgreSQL's limit), but got: ${value}.`),
      );
    }
  });
});

describe('the error masker', () => {
  const logged: { error: unknown[][]; info: unknown[][] } = { error: [], info: [] };
  const mask = createErrorMasker({ error: (...args) => void logged.error.push(args), info: (...args) => void logged.info.push(args) });
  const node = parse('{ items { totalCount } }').definitions[0]!;
  /** What graphql-js hands the masker for an error thrown by the resolver of `items`. */
  const fromResolver = (original: Error) => new GraphQLError(original.message, { nodes: [node], path: ['items'], originalError: original });
  beforeEach(() => {
    logged.error = [];
    logged.info = [];
  });

  it('answers a statement cancelled by the timeout with QUERY_TIMEOUT, from pg or through Prisma, and logs it as info only', () => {
    const fromPg = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014', severity: 'ERROR' });
    // The shape Prisma 7 throws (PrismaClientKnownRequestError; P2010 for raw queries, P2039 for model queries).
    const cause = { originalCode: '57014', originalMessage: 'canceling statement due to statement timeout', kind: 'postgres', code: '57014' };
    const fromPrisma = Object.assign(new Error('Invalid `prisma.itemMember.findMany()` invocation: Database error. Code: `57014`.'), {
      code: 'P2039',
      meta: { modelName: 'ItemMember', driverAdapterError: { name: 'DriverAdapterError', cause } },
    });
    const adapterError = Object.assign(new Error('DriverAdapterError'), { cause });
    for (const original of [fromPg, fromPrisma, adapterError]) {
      const masked = mask(fromResolver(original));
      expect(masked).toBeInstanceOf(GraphQLError);
      expect((masked as GraphQLError).toJSON()).toEqual({ message: MESSAGE, locations: [{ line: 1, column: 1 }], path: ['items'], extensions: { code: 'QUERY_TIMEOUT' } });
    }
    expect(logged.error).toEqual([]);
    expect(logged.info).toHaveLength(3);
  });

  it('names the timeout when it is told it', () => {
    const masked = createErrorMasker({ error: () => {}, info: () => {} }, { statementTimeoutMs: 5000 })(Object.assign(new Error('x'), { code: '57014' }));
    expect((masked as GraphQLError).toJSON()).toEqual({
      message: 'The query took longer than 5000 ms and was cancelled; ask for fewer records or a simpler filter.',
      extensions: { code: 'QUERY_TIMEOUT', statementTimeoutMs: 5000 },
    });
  });

  it('still masks and logs every other failure, other SQLSTATEs included', () => {
    const masked = mask(fromResolver(Object.assign(new Error('deadlock detected'), { code: '40P01' }))) as GraphQLError;
    expect([masked.message, masked.extensions.code]).toEqual(['Unexpected error.', 'INTERNAL_SERVER_ERROR']);
    expect(logged.error).toHaveLength(1);
  });
});

// PGlite (single-user PostgreSQL in WASM, without signals) accepts statement_timeout but never
// cancels a statement, so the timeout exists only on a PostgreSQL server (DATABASE_URL).
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres('a statement that runs past the statement timeout (PostgreSQL)', () => {
  const TIMEOUT_MS = 200;
  let db: TestDatabase;
  let gql: ReturnType<typeof graphqlClient>;
  const logged: unknown[][] = [];
  const infos: unknown[][] = [];

  beforeAll(async () => {
    db = await openTestDatabase({ statementTimeoutMs: TIMEOUT_MS });
    const app = createApp(db, { authorize: false, logger: { error: (...args) => void logged.push(args), info: (...args) => void infos.push(args) } });
    gql = graphqlClient(app.server);
    const created = await gql('mutation { createMember(input: { name: "Ada", email: "ada@example.com" }) { errors { code } } }');
    expect(created.body).toEqual({ data: { createMember: { errors: [] } } });
  });
  afterAll(() => db?.dispose());
  beforeEach(() => {
    logged.splice(0);
    infos.splice(0);
  });

  /**
   * Runs `request` while another connection holds `table` locked (ACCESS
   * EXCLUSIVE), so that any statement on it waits, deterministically, until
   * the timeout cancels it. The lock is let go after 3 s in any case, so a
   * timeout that does not work fails the test instead of hanging it.
   */
  async function whileLocked<T>(table: string, request: () => Promise<T>): Promise<{ result: T; ms: number }> {
    const locker = new Client({ connectionString: db.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE "${table}" IN ACCESS EXCLUSIVE MODE`);
      const release = setTimeout(() => void locker.query('ROLLBACK').catch(() => {}), 3000);
      const started = performance.now();
      const result = await request();
      const ms = performance.now() - started;
      clearTimeout(release);
      return { result, ms };
    } finally {
      await locker.end();
    }
  }

  it('answers a root list (direct SQL through pg) with QUERY_TIMEOUT after the timeout, logs nothing unexpected, and serves the next request', async () => {
    const query = '{ items(first: 1) { edges { node { id } } } }';
    const { result, ms } = await whileLocked('Item', () => gql(query));
    expect(result).toEqual({
      status: 200,
      body: { data: null, errors: [{ message: MESSAGE, locations: [{ line: 1, column: 3 }], path: ['items'], extensions: { code: 'QUERY_TIMEOUT' } }] },
    });
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 10);
    expect(ms).toBeLessThan(2500);
    expect(logged).toEqual([]);
    // The masker's line, then the request's own line with its code.
    expect(infos.filter(([, message]) => message !== 'request')).toEqual([[{ path: 'items' }, '[query timeout] a statement was cancelled by the statement timeout']]);
    expect(infos.filter(([, message]) => message === 'request').map(([line]) => line)).toEqual([expect.objectContaining({ errorCodes: ['QUERY_TIMEOUT'], outcome: 'error' })]);
    expect(await gql(query)).toEqual({ status: 200, body: { data: { items: { edges: [] } } } });
  });

  it('answers a manual relationship (Prisma) with QUERY_TIMEOUT at its field', async () => {
    const query = '{ members(first: 1) { edges { node { name itemsAboveThreshold { id } } } } }';
    const { result } = await whileLocked('ItemMember', () => gql(query));
    expect(result).toEqual({
      status: 200,
      body: {
        data: null,
        errors: [{
          message: MESSAGE,
          locations: [{ line: 1, column: 43 }],
          path: ['members', 'edges', 0, 'node', 'itemsAboveThreshold'],
          extensions: { code: 'QUERY_TIMEOUT' },
        }],
      },
    });
    expect(logged).toEqual([]);
    expect(await gql(query)).toEqual({ status: 200, body: { data: { members: { edges: [{ node: { name: 'Ada', itemsAboveThreshold: [] } }] } } } });
  });

  it('answers a mutation whose transaction waits past the timeout with QUERY_TIMEOUT, writing nothing', async () => {
    const update = 'mutation($id: ID!) { updateMember(id: $id, input: { name: "Grace" }) { result { name } errors { code } } }';
    const id = (await gql('{ members(first: 1) { edges { node { id } } } }')).body.data.members.edges[0].node.id;
    const { result } = await whileLocked('Member', () => gql(update, { id }));
    expect([result.status, result.body.errors?.map((e) => e.extensions?.code)]).toEqual([200, ['QUERY_TIMEOUT']]);
    expect(logged).toEqual([]);
    expect((await gql('{ members(first: 1) { edges { node { name } } } }')).body.data.members.edges).toEqual([{ node: { name: 'Ada' } }]);
  });
});
