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

/**
 * Bounds on one filter, each refused with INVALID_INPUT at its path. Fixed
 * (not server options): they protect the translation and the database
 * rather than shape the API.
 */
export const FILTER_LIMITS = {
  /** Filter objects nested in one another; the filter is level 1, and / or / not and each relationship add one. */
  maxDepth: 16,
  /** Values in one `in` / `notIn` list. */
  maxListLength: 500,
  /**
   * Operand values in the whole filter, list entries included. Each becomes a
   * statement parameter, and PostgreSQL refuses a statement with more than
   * 65,535 of them.
   */
  maxValues: 5_000,
} as const;

/** One translation: operand values counted so far (see FILTER_LIMITS.maxValues), and what the actor may read. */
interface Scope {
  values: number;
  /** The read filter of a resource for the request's actor (null: every row); see `toPrismaWhere`. */
  readonly readable: ReadFilter;
}

/** The rows of a resource the request's actor may read; null when every row is. */
export type ReadFilter = (resource: Resource) => Where | null;

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
 * a client error at its path, not a database error; so is a filter beyond
 * FILTER_LIMITS, or a string operand longer than its attribute can be (no
 * stored value is that long, and the length bounds the statement).
 *
 * A condition through a relationship sees only the related records the actor
 * may read (`readable`): `is` / `some` / `none` AND the destination's read
 * filter, `every` holds when every readable one matches. Otherwise a filter
 * would be a yes/no oracle on hidden records (e.g. members filtered by the
 * titles of private items).
 */
export function toPrismaWhere(
  domain: Domain,
  resource: Resource,
  filter: FilterInput | null | undefined,
  path: readonly string[],
  readable: ReadFilter = () => null,
): Where {
  const scope: Scope = { values: 0, readable };
  const where = translate(domain, resource, filter, path, 1, scope);
  if (scope.values > FILTER_LIMITS.maxValues) {
    throw new InvalidQueryInput(
      `A filter must hold at most ${FILTER_LIMITS.maxValues} values (operands and list entries together) but got: ${scope.values}. Split the request.`,
      path,
    );
  }
  return where;
}

function translate(domain: Domain, resource: Resource, filter: FilterInput | null | undefined, path: readonly string[], level: number, scope: Scope): Where {
  if (filter == null) return {};
  if (level > FILTER_LIMITS.maxDepth) {
    throw new InvalidQueryInput(
      `Filters must nest at most ${FILTER_LIMITS.maxDepth} levels deep (and, or, not and each relationship add one) but this one goes deeper here; flatten it.`,
      path,
    );
  }
  const where: Where[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value == null) continue;
    const here = [...path, key];
    const rel = resource.relationshipByName.get(key);
    if (key === 'and' || key === 'or') {
      const parts = (value as FilterInput[]).map((f, i) => translate(domain, resource, f, [...here, String(i)], level + 1, scope));
      where.push({ [key.toUpperCase()]: parts });
    } else if (key === 'not') {
      where.push({ NOT: translate(domain, resource, value as FilterInput, here, level + 1, scope) });
    } else if (resource.attributeByName.has(key)) {
      where.push(attributeWhere(resource, resource.attributeByName.get(key)!, value as FilterInput, here, scope));
    } else if (rel && isKeyed(rel)) {
      // Manual, noAttributes and polymorphic relationships have no key to join on, so they cannot be filtered through.
      where.push(relationshipWhere(domain, rel, value as FilterInput, here, level, scope));
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
function relationshipWhere(domain: Domain, rel: KeyedRelationship, value: FilterInput, path: readonly string[], level: number, scope: Scope): Where {
  const destination = domain.resource(rel.destination);
  const visible = (condition: Where, quantifier: string): Where => {
    const readable = scope.readable(destination);
    if (!readable) return condition;
    return quantifier === 'every' ? { OR: [{ NOT: readable }, condition] } : { AND: [readable, condition] };
  };
  if (isToOneKeyed(rel)) return { [rel.name]: { is: visible(translate(domain, destination, value, path, level + 1, scope), 'is') } };
  const quantified: Where = {};
  for (const [quantifier, inner] of Object.entries(value)) {
    if (inner == null) continue;
    const condition = visible(translate(domain, destination, inner as FilterInput, [...path, quantifier], level + 1, scope), quantifier);
    quantified[quantifier] = rel.kind === 'manyToMany' ? { [rel.joinDestinationRelationship]: { is: condition } } : condition;
  }
  return { [rel.kind === 'manyToMany' ? rel.joinRelationship : rel.name]: quantified };
}

function attributeWhere(resource: Resource, attribute: Attribute, operators: FilterInput, path: readonly string[], scope: Scope): Where {
  const condition: Where = {};
  const parts: Where[] = [];
  for (const [operator, value] of Object.entries(operators)) {
    if (value == null) continue;
    const at = [...path, operator];
    checkOperand(resource, attribute, operator, value, at, scope);
    if (attribute.type === 'uuid' && operator !== 'isNull') checkUuids(value, at);
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

/** Lists within FILTER_LIMITS.maxListLength, strings within the attribute's maxLength; counts the values. */
function checkOperand(resource: Resource, attribute: Attribute, operator: string, value: unknown, path: readonly string[], scope: Scope): void {
  if (operator === 'isNull') return;
  const values = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length > FILTER_LIMITS.maxListLength) {
    throw new InvalidQueryInput(
      `"${operator}" must hold at most ${FILTER_LIMITS.maxListLength} values but got: ${value.length}. Split the request, or filter on a range (gt / lt).`,
      path,
    );
  }
  scope.values += values.length;
  const max = attribute.maxLength;
  if (attribute.type !== 'string' || max === undefined) return;
  values.forEach((v, i) => {
    if (typeof v === 'string' && v.length > max) {
      throw new InvalidQueryInput(
        `"${operator}" must be at most ${max} characters (the longest ${resource.name}.${attribute.name} can be) but has ${v.length}.`,
        Array.isArray(value) ? [...path, String(i)] : path,
      );
    }
  });
}

function checkUuids(value: unknown, path: readonly string[]): void {
  const values = Array.isArray(value) ? value : [value];
  values.forEach((v, i) => {
    if (!isUuid(v)) {
      throw new InvalidQueryInput(`Expected a UUID but got: ${JSON.stringify(v)}.`, Array.isArray(value) ? [...path, String(i)] : path);
    }
  });
}
