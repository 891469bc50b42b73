import type { KeyObject } from 'node:crypto';
import type { SqlReader } from '../db/sql-reader';
import type { Domain, Resource } from '../resource';
import { decodeCursor, encodeCursor, invalidCursor } from './cursor';
import { cursorValues, restoreKeyValues } from './key-values';
import { keysetWhere } from './keyset';
import { InvalidQueryInput } from './query-errors';
import type { RecordState } from './record';
import type { SortInput } from './sort';
import { countWhere, selectWhere } from './sql/statements';
import { keysetOrderBy, sortFingerprint, sortKeys, type SortKey } from './sort-keys';

export interface PageArgs {
  readonly sort?: readonly SortInput[] | null;
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

export interface PageLimits {
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
}

export interface ListSettings extends PageLimits {
  /** Key that signs and verifies cursors (HMAC-SHA256). */
  readonly cursorSecret: KeyObject;
}

export interface Page {
  readonly edges: readonly { cursor: string; node: RecordState }[];
  readonly pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Counted only when asked for. */
  totalCount(): Promise<number>;
}

/**
 * One Relay page of a resource, ordered by `args.sort` then id (see
 * `sortKeys`; no sort is creation order). Keyset pagination: a cursor holds
 * the sort key values of its row (signed, and bound to this list and sort),
 * and `after`/`before` select the rows beyond those values, so pages stay
 * stable while rows are added. With `first`/`after`, hasPreviousPage is true
 * whenever `after` is given (and symmetrically for `last`/`before`), as the
 * Relay spec allows. totalCount counts the filter, ignoring pagination.
 */
export async function listPage(
  sql: SqlReader,
  domain: Domain,
  resource: Resource,
  args: PageArgs,
  settings: ListSettings,
  /** The list's filter (engine where, see `whereSql`). */
  filter: Record<string, unknown> = {},
): Promise<Page> {
  const { first, last } = checkSizes(args, settings);
  const keys = sortKeys(resource, args.sort, ['sort']);
  const sort = sortFingerprint(resource, keys);
  const bound = (argument: 'after' | 'before') => {
    const cursor = args[argument];
    if (cursor == null) return undefined;
    const values = restoreKeyValues(keys, decodeCursor(settings.cursorSecret, cursor, sort, argument).values);
    if (!values) throw invalidCursor(argument);
    return keysetWhere(keys, values, argument);
  };
  const after = bound('after');
  const before = bound('before');
  const bounds = [after, before].filter((b) => b !== undefined);
  const where = bounds.length > 0 ? { AND: [filter, ...bounds] } : filter;

  const backwards = last !== undefined;
  const size = backwards ? last : (first ?? settings.defaultPageSize);
  const page = selectWhere(domain, resource, where, keysetOrderBy(keys, backwards), { limit: size + 1 });
  const rows = (await sql.query(page.text, page.values)) as RecordState[];
  const more = rows.length > size;
  const records = rows.slice(0, size);
  if (backwards) records.reverse();

  const edges = records.map((node) => ({ cursor: cursorOf(settings.cursorSecret, sort, keys, node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: backwards ? before !== undefined : more,
      hasPreviousPage: backwards ? more : after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: async () => {
      const count = countWhere(domain, resource, filter);
      return ((await sql.query<{ count: number }>(count.text, count.values))[0]?.count) ?? 0;
    },
  };
}

const cursorOf = (secret: KeyObject, sort: string, keys: readonly SortKey[], node: RecordState) =>
  encodeCursor(secret, { sort, values: cursorValues(keys, node) });

/** A page size argument outside 0..max is INVALID_INPUT at the argument. */
export function checkPageSize(name: string, value: number | null | undefined, max: number): void {
  if (value != null && (value < 0 || value > max)) {
    throw new InvalidQueryInput(`"${name}" must be between 0 and ${max} but got: ${value}.`, [name]);
  }
}

function checkSizes(args: PageArgs, limits: PageLimits): { first?: number; last?: number } {
  if (args.first != null && args.last != null) {
    throw new InvalidQueryInput('Pass either "first" or "last", not both.', ['last']);
  }
  for (const name of ['first', 'last'] as const) checkPageSize(name, args[name], limits.maxPageSize);
  return { ...(args.first != null ? { first: args.first } : {}), ...(args.last != null ? { last: args.last } : {}) };
}
