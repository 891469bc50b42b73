import type { Domain } from '../resource';
import { toPrismaWhere, type FilterInput, type ReadFilter } from './filter';
import { InvalidQueryInput } from './query-errors';
import type { SortInput } from './sort';
import { keysetOrderBy, sortKeys } from './sort-keys';

/** Arguments of a to-many relationship field. */
export interface RelationArgs {
  readonly filter?: FilterInput | null;
  readonly sort?: readonly SortInput[] | null;
  readonly limit?: number | null;
  readonly offset?: number | null;
}

/** What a to-many load asks of each parent's related records (Prisma terms). */
export interface RelationQuery {
  readonly where: Record<string, unknown>;
  readonly orderBy: Record<string, 'asc' | 'desc'>[];
  readonly take: number | undefined;
  readonly skip: number | undefined;
  /** Attribute columns to read (at least `id`); undefined reads every attribute. */
  readonly columns?: readonly string[];
}

/**
 * Checks and translates the arguments of a to-many field. `limit` and
 * `offset` apply per parent (a limit of 3 is up to 3 records for each).
 */
export function relationQuery(domain: Domain, destination: string, args: RelationArgs, maxLimit: number, readable?: ReadFilter): RelationQuery {
  if (args.limit != null && (args.limit < 0 || args.limit > maxLimit)) {
    throw new InvalidQueryInput(`"limit" must be between 0 and ${maxLimit} but got: ${args.limit}.`, ['limit']);
  }
  if (args.offset != null && args.offset < 0) {
    throw new InvalidQueryInput(`"offset" must be 0 or more but got: ${args.offset}.`, ['offset']);
  }
  const resource = domain.resource(destination);
  return {
    where: toPrismaWhere(domain, resource, args.filter, ['filter'], readable),
    orderBy: keysetOrderBy(sortKeys(resource, args.sort, ['sort']), false),
    take: args.limit ?? undefined,
    skip: args.offset ?? undefined,
  };
}

/** `offset` then `limit` applied to one parent's records already in order (for loads that cannot page in SQL). */
export const pageOf = <T>(records: readonly T[], query: RelationQuery): T[] =>
  records.slice(query.skip ?? 0, query.take === undefined ? undefined : (query.skip ?? 0) + query.take);
