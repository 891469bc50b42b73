import type { Client } from '../../db/delegate';
import type { SqlReader } from '../../db/sql-reader';
import type { Attribute, Resource } from '../../resource';
import type { SqlStatement } from '../sql/statements';

type Row = Record<string, unknown>;

/**
 * Where the write path sends its statements. In a transaction: Prisma's raw
 * query API inside its interactive transaction, the same connection and
 * transaction as every other statement of the mutation, without compiling a
 * model query per statement (the write path's SQL is built by src/engine/sql,
 * as the reads'). Without one (a unit of work whose reads need no lock and
 * whose write is one statement, atomic on its own): straight to the driver,
 * whose prepared statements PostgreSQL plans once per connection.
 */
export type Connection = Client | SqlReader;

const throughPrisma = (to: Connection): to is Client => typeof (to as Client).$queryRawUnsafe === 'function';

export const queryRows = (to: Connection, statement: SqlStatement): Promise<Row[]> =>
  throughPrisma(to) ? to.$queryRawUnsafe<Row[]>(statement.text, ...statement.values) : to.query(statement.text, statement.values);

/** Runs a statement for its effect, in a transaction. */
export const execute = (tx: Client, statement: SqlStatement): Promise<number> =>
  tx.$executeRawUnsafe(statement.text, ...statement.values);

/** `$1, $2, ...` from `first`, for `count` values. */
export const placeholders = (count: number, first = 1): string =>
  Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ');

/** A value as a statement parameter: JSON as its text (the column's type parses it), no value as NULL. */
export function parameter(value: unknown, attribute?: Attribute): unknown {
  if (value === undefined || value === null) return null;
  if (attribute?.type === 'json' || (typeof value === 'object' && !(value instanceof Date))) return JSON.stringify(value);
  return value;
}

/** Column values of a resource's row (every attribute), as parameters. */
export const rowParameters = (resource: Resource, row: Row): unknown[] =>
  resource.attributes.map((a) => parameter(row[a.name], a));
