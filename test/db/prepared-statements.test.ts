import { databaseConfigFromEnv } from '../../src/db/config';
import { MAX_PREPARED_PER_CONNECTION } from '../../src/db/sql-reader';
import { openTestDatabase, type TestDatabase } from '../support/database';

describe('DATABASE_PREPARED_STATEMENTS', () => {
  const url = 'postgresql://localhost/x';

  it('is on by default, can be turned off, and a bad value is refused at start-up', () => {
    expect(databaseConfigFromEnv({ DATABASE_URL: url })).toMatchObject({ preparedStatements: true });
    expect(databaseConfigFromEnv({ DATABASE_URL: url, DATABASE_PREPARED_STATEMENTS: 'OFF' })).toMatchObject({ preparedStatements: false });
    expect(databaseConfigFromEnv({ DATABASE_URL: url, DATABASE_PREPARED_STATEMENTS: ' on ' })).toMatchObject({ preparedStatements: true });
    expect(() => databaseConfigFromEnv({ DATABASE_URL: url, DATABASE_PREPARED_STATEMENTS: 'yes' }))
      .toThrow('DATABASE_PREPARED_STATEMENTS must be "on" or "off" but got: "yes".');
  });
});

// PGlite is one connection inside the process, and its statements are not prepared.
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres('prepared statements on PostgreSQL (one pooled connection)', () => {
  let db: TestDatabase;
  const backend = async () => (await db.sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid', []))[0]!.pid;
  const prepared = async () =>
    (await db.sql.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements ORDER BY statement', [])).map((r) => r.statement);

  afterEach(() => db.dispose());

  it('prepares each statement once on its connection and runs it again by name', async () => {
    db = await openTestDatabase({ poolSize: 1 });
    const pid = await backend();
    for (const n of [1, 2, 3]) expect(await db.sql.query('SELECT $1::int AS n', [n])).toEqual([{ n }]);
    expect((await prepared()).filter((s) => s === 'SELECT $1::int AS n')).toHaveLength(1);
    expect(await backend()).toBe(pid);
  });

  it('leaves a statement with many parameters (a one-off shape) unnamed', async () => {
    db = await openTestDatabase({ poolSize: 1 });
    const many = Array.from({ length: 501 }, (_, i) => i);
    const text = `SELECT ${many.map((i) => `$${i + 1}::int`).join(' + ')} AS n`;
    expect(await db.sql.query(text, many)).toEqual([{ n: (500 * 501) / 2 }]);
    expect(await prepared()).not.toContain(text);
  });

  it(`replaces a connection that holds more than ${MAX_PREPARED_PER_CONNECTION} prepared statements, which bounds the server's memory`, async () => {
    db = await openTestDatabase({ poolSize: 1 });
    const pid = await backend();
    for (let i = 0; i <= MAX_PREPARED_PER_CONNECTION; i++) await db.sql.query(`SELECT $1::int + ${i} AS n`, [1]);
    const next = await backend();
    expect(next).not.toBe(pid);
    expect((await prepared()).length).toBeLessThanOrEqual(3);
  });

  it('keeps the connection after a statement the server refused', async () => {
    db = await openTestDatabase({ poolSize: 1 });
    const pid = await backend();
    await expect(db.sql.query('SELECT 1 / $1::int AS n', [0])).rejects.toMatchObject({ code: '22012' });
    expect(await backend()).toBe(pid);
    expect(await db.sql.query('SELECT 1 / $1::int AS n', [1])).toEqual([{ n: 1 }]);
  });

  it('sends every statement unnamed when turned off', async () => {
    db = await openTestDatabase({ poolSize: 1, preparedStatements: false });
    await db.sql.query('SELECT $1::int AS n', [1]);
    expect(await prepared()).toEqual([]);
  });
});
