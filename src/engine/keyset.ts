import type { Attribute } from '../resource';
import type { KeyValue } from './key-values';
import type { SortKey } from './sort-keys';

type Where = Record<string, unknown>;

/** Matches no row (Prisma accepts an empty `in`). */
const NOTHING: Where = { id: { in: [] } };

/**
 * Prisma `where` for the rows strictly after (or before) a position in the
 * order of `keys`, the position being the key values of one row (`values`,
 * one per key, the last key being unique). For keys k1..kn:
 *
 *   OR over i of (k1 = v1 AND ... AND k(i-1) = v(i-1) AND ki beyond vi)
 *
 * where "beyond" is "greater" after an ascending key (or before a descending
 * one) and "less" otherwise. The comparisons follow PostgreSQL's order, which
 * is also the ORDER BY of the list:
 * - null is greater than every value (PostgreSQL's default NULLS LAST
 *   ascending, NULLS FIRST descending, which `keysetOrderBy` keeps);
 * - enums compare in declaration order (PostgreSQL's enum order, given that
 *   the domain declares the values in the Prisma enum's order); Prisma's enum
 *   filter has no gt/lt, so "greater" is `in` the values declared later;
 * - false < true; Prisma's boolean filter has only equals/not;
 * - strings compare by the column's collation, in the database, never in JS.
 */
export function keysetWhere(keys: readonly SortKey[], values: readonly KeyValue[], side: 'after' | 'before'): Where {
  const terms: Where[] = [];
  keys.forEach(({ attribute, descending }, index) => {
    const value = values[index]!;
    const beyond = (side === 'after') !== descending ? greaterThan(attribute, value) : lessThan(attribute, value);
    if (!beyond) return; // nothing is beyond this value: the term matches no row
    const ties = keys.slice(0, index).map((k, j) => equalTo(k.attribute, values[j]!));
    terms.push(all([...ties, beyond]));
  });
  if (terms.length === 0) return NOTHING;
  return terms.length === 1 ? terms[0]! : { OR: terms };
}

function equalTo(attribute: Attribute, value: KeyValue): Where {
  return { [attribute.name]: value === null ? null : { equals: value } };
}

/** Rows whose value is greater than `value` (null being the greatest), or undefined for none. */
function greaterThan(attribute: Attribute, value: KeyValue): Where | undefined {
  if (value === null) return undefined;
  const greater = compared(attribute, value, 'gt');
  if (attribute.required) return greater;
  const nulls = { [attribute.name]: null };
  return greater ? { OR: [greater, nulls] } : nulls;
}

/** Rows whose value is less than `value` (null being the greatest), or undefined for none. */
function lessThan(attribute: Attribute, value: KeyValue): Where | undefined {
  if (value === null) return attribute.required ? undefined : { [attribute.name]: { not: null } };
  return compared(attribute, value, 'lt'); // SQL `<` never matches null, which is right here
}

/** Non-null values strictly greater (`gt`) or less (`lt`) than `value`, or undefined for none. */
function compared(attribute: Attribute, value: Exclude<KeyValue, null>, operator: 'gt' | 'lt'): Where | undefined {
  const name = attribute.name;
  if (attribute.type === 'enum') {
    const values = attribute.values ?? [];
    const at = values.indexOf(value as string);
    if (at < 0) throw new Error(`${name}: ${String(value)} is not a value of the enum (restoreKeyValues should have refused it).`);
    const beyond = operator === 'gt' ? values.slice(at + 1) : values.slice(0, at);
    return beyond.length > 0 ? { [name]: { in: beyond } } : undefined;
  }
  if (attribute.type === 'boolean') {
    if (operator === 'gt') return value === false ? { [name]: { equals: true } } : undefined;
    return value === true ? { [name]: { equals: false } } : undefined;
  }
  return { [name]: { [operator]: value } };
}

function all(parts: Where[]): Where {
  return parts.length === 1 ? parts[0]! : { AND: parts };
}
