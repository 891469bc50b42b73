import type { Attribute, Resource } from '../resource';

export interface SortInput {
  /** Attribute name. */
  readonly field: string;
  readonly order?: 'ASC' | 'DESC' | null;
}

/** Attributes a resource can be sorted by: every public attribute except JSON ones. */
export const sortableAttributes = (resource: Resource): Attribute[] =>
  resource.attributes.filter((a) => a.public && a.type !== 'json');

/**
 * A Prisma `orderBy` for `sort`, always ending with `id` so that ties come
 * out in a stable order (UUIDv7: creation order).
 */
export function toPrismaOrderBy(sort: readonly SortInput[] | null | undefined): Record<string, 'asc' | 'desc'>[] {
  const orderBy = (sort ?? []).map((s) => ({ [s.field]: s.order === 'DESC' ? ('desc' as const) : ('asc' as const) }));
  if (!orderBy.some((o) => 'id' in o)) orderBy.push({ id: 'asc' });
  return orderBy;
}
