import { isKeyed, isToOneKeyed, type Attribute, type Domain, type KeyedRelationship, type Resource } from '../resource';
import { InvalidQueryInput, isUuid } from './query-errors';

/** A filter as clients send it: `{ and, or, not, <attribute>: { eq, ... }, <relationship>: ... }`. */
export type FilterInput = { readonly [key: string]: unknown };

type Where = Record<string, unknown>;

/** Operators per attribute type; the GraphQL layer derives the filter inputs from the same table. */
export const FILTER_OPERATORS: Record<Exclude<Attribute['type'], 'json'>, readonly string[]> = {
  string: ['eq', 'ne', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'contains', 'startsWith', 'isNull'],
  int: ['eq', 'ne', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'isNull'],
  datetime: ['eq', 'ne', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'isNull'],
  uuid: ['eq', 'ne', 'in', 'notIn', 'isNull'],
  enum: ['eq', 'ne', 'in', 'notIn', 'isNull'],
  boolean: ['eq', 'ne', 'isNull'],
};

const PRISMA_OPERATOR: Record<string, string> = {
  eq: 'equals', ne: 'not', in: 'in', notIn: 'notIn', lt: 'lt', lte: 'lte', gt: 'gt', gte: 'gte',
  contains: 'contains', startsWith: 'startsWith',
};

/**
 * Translates a filter into a Prisma `where` (pure). Operators combine with
 * AND; `null` operator values are ignored (absent); `isNull: true|false`
 * tests for SQL NULL. `ne`/`notIn` follow SQL: they never match NULL.
 * To-one relationships filter the related record; to-many ones take
 * `some` / `every` / `none`. Ids are checked to be UUIDs, so a malformed id is
 * a client error at its path, not a database error.
 */
export function toPrismaWhere(domain: Domain, resource: Resource, filter: FilterInput | null | undefined, path: readonly string[]): Where {
  if (filter == null) return {};
  const where: Where[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value == null) continue;
    const here = [...path, key];
    const rel = resource.relationshipByName.get(key);
    if (key === 'and' || key === 'or') {
      const parts = (value as FilterInput[]).map((f, i) => toPrismaWhere(domain, resource, f, [...here, String(i)]));
      where.push({ [key.toUpperCase()]: parts });
    } else if (key === 'not') {
      where.push({ NOT: toPrismaWhere(domain, resource, value as FilterInput, here) });
    } else if (resource.attributeByName.has(key)) {
      where.push(attributeWhere(resource.attributeByName.get(key)!, value as FilterInput, here));
    } else if (rel && isKeyed(rel)) {
      // Manual, noAttributes and polymorphic relationships have no key to join on, so they cannot be filtered through.
      where.push(relationshipWhere(domain, rel, value as FilterInput, here));
    } else {
      throw new InvalidQueryInput(`${resource.name} cannot be filtered by "${key}".`, here);
    }
  }
  return where.length === 1 ? where[0]! : { AND: where };
}


/**
 * To-one: the related record matches. To-many: `some` / `every` / `none`; a
 * manyToMany quantifies over its join records' destinations.
 */
function relationshipWhere(domain: Domain, rel: KeyedRelationship, value: FilterInput, path: readonly string[]): Where {
  const destination = domain.resource(rel.destination);
  if (isToOneKeyed(rel)) return { [rel.name]: { is: toPrismaWhere(domain, destination, value, path) } };
  const quantified: Where = {};
  for (const [quantifier, inner] of Object.entries(value)) {
    if (inner == null) continue;
    const condition = toPrismaWhere(domain, destination, inner as FilterInput, [...path, quantifier]);
    quantified[quantifier] = rel.kind === 'manyToMany' ? { [rel.joinDestinationRelationship]: { is: condition } } : condition;
  }
  return { [rel.kind === 'manyToMany' ? rel.joinRelationship : rel.name]: quantified };
}

function attributeWhere(attribute: Attribute, operators: FilterInput, path: readonly string[]): Where {
  const condition: Where = {};
  const parts: Where[] = [];
  for (const [operator, value] of Object.entries(operators)) {
    if (value == null) continue;
    const at = [...path, operator];
    if (attribute.type === 'uuid') checkUuids(value, at);
    if (operator === 'isNull') parts.push(isNullWhere(attribute, value === true));
    else condition[PRISMA_OPERATOR[operator]!] = operator === 'contains' || operator === 'startsWith' ? likeLiteral(value as string) : value;
  }
  if (Object.keys(condition).length > 0) parts.unshift({ [attribute.name]: condition });
  return parts.length === 1 ? parts[0]! : { AND: parts };
}

/**
 * `contains` / `startsWith` become SQL LIKE patterns (in Prisma and in the
 * loaders' SQL alike): escape LIKE's wildcards so a client's `%` or `_` is
 * matched literally.
 */
const likeLiteral = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A required attribute is never null, and Prisma refuses null tests on it: answer them here. */
function isNullWhere(attribute: Attribute, isNull: boolean): Where {
  if (attribute.required) return isNull ? { id: { in: [] } } : {};
  return { [attribute.name]: isNull ? null : { not: null } };
}

function checkUuids(value: unknown, path: readonly string[]): void {
  const values = Array.isArray(value) ? value : [value];
  values.forEach((v, i) => {
    if (!isUuid(v)) {
      throw new InvalidQueryInput(`Expected a UUID but got: ${JSON.stringify(v)}.`, Array.isArray(value) ? [...path, String(i)] : path);
    }
  });
}
