import type { CountingServer } from './http-server';
import type { StatementCounter } from './sql-client';

/** One server under test, with the counter of the SQL statements it sends. */
export interface Target {
  readonly name: 'ours' | 'baseline';
  readonly server: CountingServer;
  readonly statements: StatementCounter;
}
