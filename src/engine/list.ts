import { modelDelegate } from '../db/delegate';
import type { PrismaClient } from '../generated/prisma/client';
import type { Resource } from '../resource';
import { decodeCursor, encodeCursor } from './cursor';
import { InvalidQueryInput } from './query-errors';
import type { RecordState } from './record';

export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

export interface PageLimits {
  readonly defaultPageSize: number;
  readonly maxPageSize: number;
}

export interface Page {
  readonly edges: readonly { cursor: string; node: RecordState }[];
  readonly pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Counted only when asked for. */
  totalCount(): Promise<number>;
}

/**
 * One Relay page of a resource, ordered by id (UUIDv7, so creation order).
 * Keyset pagination: `after`/`before` are ids, so pages stay stable while rows
 * are added. With `first`/`after`, hasPreviousPage is true whenever `after` is
 * given (and symmetrically for `last`/`before`), as the Relay spec allows.
 */
export async function listPage(
  prisma: PrismaClient,
  resource: Resource,
  args: PageArgs,
  limits: PageLimits,
  /** Prisma `where` of the list's filter. */
  filter: Record<string, unknown> = {},
): Promise<Page> {
  const { first, last } = checkSizes(args, limits);
  const after = args.after != null ? decodeCursor(args.after, 'after') : undefined;
  const before = args.before != null ? decodeCursor(args.before, 'before') : undefined;
  const idRange = { ...(after ? { gt: after } : {}), ...(before ? { lt: before } : {}) };
  const where = Object.keys(idRange).length > 0 ? { AND: [filter, { id: idRange }] } : filter;

  const backwards = last !== undefined;
  const size = backwards ? last : (first ?? limits.defaultPageSize);
  const delegate = modelDelegate(prisma, resource.model);
  const rows = (await delegate.findMany({ where, orderBy: { id: backwards ? 'desc' : 'asc' }, take: size + 1 })) as RecordState[];
  const more = rows.length > size;
  const records = rows.slice(0, size);
  if (backwards) records.reverse();

  const edges = records.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: backwards ? before !== undefined : more,
      hasPreviousPage: backwards ? more : after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: () => delegate.count({ where: filter }),
  };
}

function checkSizes(args: PageArgs, limits: PageLimits): { first?: number; last?: number } {
  if (args.first != null && args.last != null) {
    throw new InvalidQueryInput('Pass either "first" or "last", not both.', ['last']);
  }
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value != null && (value < 0 || value > limits.maxPageSize)) {
      throw new InvalidQueryInput(`"${name}" must be between 0 and ${limits.maxPageSize} but got: ${value}.`, [name]);
    }
  }
  return { ...(args.first != null ? { first: args.first } : {}), ...(args.last != null ? { last: args.last } : {}) };
}
