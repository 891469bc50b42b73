import { Client } from 'pg';

export interface ScratchDatabase {
  /** Connection URL of the new database. */
  readonly url: string;
  /** Drops the database, closing any connections left (PostgreSQL 13+ `WITH (FORCE)`). */
  drop(): Promise<void>;
}

/**
 * Creates an empty database `name` on the server of `serverUrl` (whose own
 * database is only used to create and drop it), for tests and benchmarks that
 * must not see anyone else's rows. An existing database of that name is
 * dropped first.
 */
export async function createScratchDatabase(serverUrl: string, name: string): Promise<ScratchDatabase> {
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
