import { createHash } from 'node:crypto';
import type { Attribute, Resource } from '../resource';
import { InvalidQueryInput } from './query-errors';
import { sortableAttributes, type SortInput } from './sort';

/** One key of a list's order (root lists and to-many relationship fields). */
export interface SortKey {
  readonly attribute: Attribute;
  readonly descending: boolean;
}

/**
 * The keys a list is ordered by: the requested ones, then `id` ascending
 * as the tie-break, so the order is total (keyset pagination needs that).
 * When the sort names `id` itself, that key is the tie-break, in its own
 * direction. Keys that cannot change the order are dropped (a repeated
 * attribute, anything after `id`), so equivalent sorts share a fingerprint.
 * No sort (or `[]`) is creation order: `id` ascending (UUIDv7).
 */
export function sortKeys(resource: Resource, sort: readonly SortInput[] | null | undefined, path: readonly string[]): SortKey[] {
  const sortable = new Set(sortableAttributes(resource).map((a) => a.name));
  const keys: SortKey[] = [];
  for (const [index, input] of (sort ?? []).entries()) {
    const attribute = resource.attributeByName.get(input.field);
    if (!attribute || !sortable.has(attribute.name)) {
      throw new InvalidQueryInput(`${resource.name} cannot be sorted by "${input.field}".`, [...path, String(index), 'field']);
    }
    if (keys.some((k) => k.attribute.name === attribute.name)) continue;
    keys.push({ attribute, descending: input.order === 'DESC' });
    if (attribute.name === 'id') return keys;
  }
  keys.push({ attribute: resource.attributeByName.get('id')!, descending: false });
  return keys;
}

/**
 * Identifies a list and its order, so a cursor is only accepted by the list
 * and sort it came from. Covers the resource and each key's name, type,
 * nullability and direction: if any of them changes, old cursors stop fitting.
 */
export function sortFingerprint(resource: Resource, keys: readonly SortKey[]): string {
  const text = [resource.name, ...keys.map(({ attribute: a, descending }) =>
    `${a.name}:${a.type}:${a.required ? 'required' : 'nullable'}:${descending ? 'desc' : 'asc'}`)].join('\n');
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

/**
 * Prisma `orderBy` for the keys; `backwards` reverses every key (for
 * `last`/`before`, whose rows are then put back in order). Null placement is
 * left to PostgreSQL's default (NULLS LAST ascending, NULLS FIRST descending:
 * null sorts as the greatest value), which the keyset conditions assume.
 */
export function keysetOrderBy(keys: readonly SortKey[], backwards: boolean): Record<string, 'asc' | 'desc'>[] {
  return keys.map(({ attribute, descending }) => ({ [attribute.name]: descending !== backwards ? 'desc' : 'asc' }));
}
