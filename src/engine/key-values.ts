import type { Attribute } from '../resource';
import { isUuid } from './query-errors';
import type { RecordState } from './record';
import type { SortKey } from './sort-keys';

/** A sort key value as a cursor carries it: JSON-safe, date-times as ISO strings. */
export type CursorValue = string | number | boolean | null;

/** A sort key value as Prisma compares it: date-times as `Date`s. */
export type KeyValue = string | number | boolean | Date | null;

/** The values of `keys` on `record`, for its cursor. */
export function cursorValues(keys: readonly SortKey[], record: RecordState): CursorValue[] {
  return keys.map(({ attribute }) => {
    const value = record[attribute.name];
    if (value == null) return null;
    return value instanceof Date ? value.toISOString() : (value as CursorValue);
  });
}

/**
 * The cursor's values as typed key values, or undefined when they do not fit
 * the keys (wrong count, wrong type, null for a required attribute, an enum
 * value the attribute no longer has). A signed cursor only fails this when the
 * resource changed since it was issued.
 *
 * Date-times keep millisecond precision, which is all the engine writes (JS
 * dates); a column holding microseconds would not round-trip.
 */
export function restoreKeyValues(keys: readonly SortKey[], values: readonly CursorValue[]): KeyValue[] | undefined {
  if (values.length !== keys.length) return undefined;
  const restored: KeyValue[] = [];
  for (const [index, { attribute }] of keys.entries()) {
    const value = restoreValue(attribute, values[index]!);
    if (value === undefined) return undefined;
    restored.push(value);
  }
  return restored;
}

function restoreValue(attribute: Attribute, value: CursorValue): KeyValue | undefined {
  if (value === null) return attribute.required ? undefined : null;
  switch (attribute.type) {
    case 'int':
      return Number.isSafeInteger(value) ? value : undefined;
    case 'string':
      return typeof value === 'string' ? value : undefined;
    case 'uuid':
      return isUuid(value) ? value : undefined;
    case 'enum':
      return typeof value === 'string' && attribute.values?.includes(value) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'datetime': {
      if (typeof value !== 'string') return undefined;
      const date = new Date(value);
      return !Number.isNaN(date.getTime()) && date.toISOString() === value ? date : undefined;
    }
    default:
      return undefined; // json attributes are not sortable
  }
}
