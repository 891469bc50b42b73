import { Client } from 'pg';
import { createApp } from '../../src/app/create-app';
import { graphqlClient } from '../support/app';
import { openTestDatabase, type TestDatabase } from '../support/database';

/**
 * Races the checks before a write cannot see (another transaction's
 * uncommitted change) end at the database's foreign keys: a coded error at
 * the field, never "Unexpected error.", and nothing written. PostgreSQL only:
 * PGlite runs one transaction at a time, so there is no race to lose.
 */
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres('foreign-key races with a concurrent transaction (PostgreSQL)', () => {
  let db: TestDatabase;
  let gql: ReturnType<typeof graphqlClient>;
  const logged: unknown[][] = [];
  beforeAll(async () => {
    db = await openTestDatabase();
    gql = graphqlClient(createApp(db, { authorize: false, logger: { error: (...args) => void logged.push(args), info: () => {} } }).server);
  });
  afterAll(() => db?.dispose());

  const workspace = async (name: string) =>
    (await gql(`mutation { createWorkspace(input: { name: "${name}" }) { result { id } } }`)).body.data.createWorkspace.result.id as string;

  /** Runs `sql` in another transaction, sends `request`, and commits that transaction 400 ms later, while `request` waits on its locks. */
  async function racing<T>(sql: string, values: unknown[], request: () => Promise<T>): Promise<T> {
    const other = new Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(sql, values);
      const pending = request();
      await new Promise((resolve) => setTimeout(resolve, 400));
      await other.query('COMMIT');
      return await pending;
    } finally {
      await other.end();
    }
  }

  it('a key to a record destroyed meanwhile is NOT_FOUND at the key, nothing written', async () => {
    const id = await workspace('Vanishing');
    const events = await db.prisma.event.count();
    const { body } = await racing('DELETE FROM "Workspace" WHERE id = $1', [id], () =>
      gql(`mutation { createItem(input: { title: "Late", workspaceId: "${id}", comments: [{ body: "x" }] }) { result { id } errors { code path message } } }`));
    expect(body.data.createItem).toEqual({ result: null, errors: [{ code: 'NOT_FOUND', path: ['workspaceId'], message: `No Workspace with id "${id}".` }] });
    expect(await db.prisma.event.count()).toBe(events);
    expect(logged).toEqual([]);
  });

  it('destroying a record another transaction starts pointing at is CONFLICT, nothing written', async () => {
    const id = await workspace('Busy');
    const events = await db.prisma.event.count();
    const now = new Date();
    const { body } = await racing(
      'INSERT INTO "Item" (id, version, "createdAt", "updatedAt", title, priority, status, "workspaceId") VALUES ($1, 1, $2, $2, $3, 0, \'OPEN\', $4)',
      ['01900000-0000-7000-8000-00000000beef', now, 'Sneaked in', id],
      () => gql(`mutation { destroyWorkspace(id: "${id}") { result { id } errors { code path } } }`),
    );
    expect(body.data.destroyWorkspace).toEqual({ result: null, errors: [{ code: 'CONFLICT', path: [] }] });
    expect(await db.prisma.event.count()).toBe(events);
    expect(logged).toEqual([]);
  });
});
