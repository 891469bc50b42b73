import type { Domain, Resource } from '../../resource';
import { column, ident, type SqlParams } from '../../db/sql-params';

type Where = Record<string, unknown>;

/** What compiling one statement's conditions shares: the domain, the values, fresh aliases. */
export interface SqlScope {
  readonly domain: Domain;
  readonly params: SqlParams;
  /** A table alias not used elsewhere in the statement. */
  alias(): string;
}

export function sqlScope(domain: Domain, params: SqlParams): SqlScope {
  let next = 0;
  return { domain, params, alias: () => `t${++next}` };
}

const COMPARISON: Record<string, string> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

/**
 * Compiles an engine `where` to a SQL condition on the row `alias` of
 * `resource`. The engine's where language is the subset of Prisma's `where`
 * that `toPrismaWhere`, `keysetWhere` and `parentFilterWhere` produce; the
 * compiled condition selects the rows Prisma selects for it (a test compares
 * them case by case):
 * - `{}` and `AND: []` hold, `OR: []` does not, `NOT: {}` holds, and an
 *   `{}` inside `OR` is skipped (`OR: [a, {}]` is `a`), all as in Prisma;
 * - `attr: null` / `{ not: null }` test for NULL; `not` / `notIn` never match
 *   NULL; `contains` / `startsWith` are LIKE patterns (the filter layer escapes
 *   wildcards in client values);
 * - to-one relationships take `{ is }`; to-many ones `{ some, every, none }`
 *   as EXISTS subqueries (`every` = no related record fails the condition).
 * Anything else is a programming error and throws.
 */
export function whereSql(scope: SqlScope, resource: Resource, where: Where, alias: string): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (key === 'AND') parts.push(all((list(value) as Where[]).map((w) => whereSql(scope, resource, w, alias))));
    else if (key === 'OR') parts.push(any((list(value) as Where[]).filter((w) => !isEmpty(w)).map((w) => whereSql(scope, resource, w, alias))));
    else if (key === 'NOT') parts.push(all((list(value) as Where[]).map((w) => (isEmpty(w) ? 'TRUE' : not(whereSql(scope, resource, w, alias))))));
    else if (resource.attributeByName.has(key)) parts.push(attributeSql(scope, column(alias, key), value, `${resource.name}.${key}`));
    else if (resource.relationshipByName.has(key)) parts.push(relationshipSql(scope, resource, key, value as Where, alias));
    else throw new Error(`Cannot compile a condition on ${resource.name}.${key}.`);
  }
  return all(parts);
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

function all(parts: readonly string[]): string {
  const kept = parts.filter((p) => p !== 'TRUE');
  if (kept.includes('FALSE')) return 'FALSE';
  if (kept.length === 0) return 'TRUE';
  return kept.length === 1 ? kept[0]! : `(${kept.join(' AND ')})`;
}

function any(parts: readonly string[]): string {
  const kept = parts.filter((p) => p !== 'FALSE');
  if (kept.includes('TRUE')) return 'TRUE';
  if (kept.length === 0) return 'FALSE';
  return kept.length === 1 ? kept[0]! : `(${kept.join(' OR ')})`;
}

/** `NOT {}` holds, as in Prisma (an empty where is "no condition", not "true"). */
export const isEmpty = (where: Readonly<Where>): boolean => Object.values(where).every((v) => v === undefined);

const not = (condition: string): string =>
  condition === 'TRUE' ? 'FALSE' : condition === 'FALSE' ? 'TRUE' : `(NOT ${condition})`;

function attributeSql(scope: SqlScope, col: string, value: unknown, name: string): string {
  if (value === null) return `${col} IS NULL`;
  if (typeof value !== 'object' || value instanceof Date || Array.isArray(value)) {
    throw new Error(`${name}: expected null or an object of operators.`);
  }
  const parts: string[] = [];
  for (const [operator, operand] of Object.entries(value as Where)) {
    if (operand === undefined) continue;
    parts.push(operatorSql(scope, col, operator, operand, name));
  }
  return all(parts);
}

function operatorSql(scope: SqlScope, col: string, operator: string, operand: unknown, name: string): string {
  const p = (v: unknown) => scope.params.add(v);
  switch (operator) {
    case 'equals':
      return operand === null ? `${col} IS NULL` : `${col} = ${p(operand)}`;
    case 'not':
      return operand === null ? `${col} IS NOT NULL` : `${col} <> ${p(operand)}`;
    case 'in':
      return (operand as unknown[]).length === 0 ? 'FALSE' : `${col} IN (${(operand as unknown[]).map(p).join(', ')})`;
    case 'notIn':
      return (operand as unknown[]).length === 0 ? 'TRUE' : `${col} NOT IN (${(operand as unknown[]).map(p).join(', ')})`;
    case 'contains':
      return `${col}::text LIKE ('%' || ${p(operand)} || '%')`;
    case 'startsWith':
      return `${col}::text LIKE (${p(operand)} || '%')`;
    default:
      if (COMPARISON[operator]) return `${col} ${COMPARISON[operator]} ${p(operand)}`;
      throw new Error(`${name}: unknown operator "${operator}".`);
  }
}

function relationshipSql(scope: SqlScope, resource: Resource, name: string, value: Where, alias: string): string {
  const rel = resource.relationshipByName.get(name)!;
  if (rel.kind !== 'belongsTo' && rel.kind !== 'hasOne' && rel.kind !== 'hasMany') {
    throw new Error(`${resource.name}.${name}: ${rel.kind} relationships are filtered through their join relationship.`);
  }
  const destination = scope.domain.resource(rel.destination);
  const related = scope.alias();
  const link =
    rel.kind === 'belongsTo'
      ? `${column(related, 'id')} = ${column(alias, rel.sourceAttribute)}`
      : `${column(related, rel.destinationAttribute)} = ${column(alias, 'id')}`;
  const exists = (condition: string) =>
    `EXISTS (SELECT 1 FROM ${ident(destination.model)} AS ${related} WHERE ${all([link, condition])})`;
  const parts: string[] = [];
  for (const [quantifier, inner] of Object.entries(value)) {
    if (inner === undefined) continue;
    const condition = whereSql(scope, destination, inner as Where, related);
    if (quantifier === 'is' && rel.kind !== 'hasMany') parts.push(exists(condition));
    else if (quantifier === 'some' && rel.kind === 'hasMany') parts.push(exists(condition));
    else if (quantifier === 'none' && rel.kind === 'hasMany') parts.push(`(NOT ${exists(condition)})`);
    else if (quantifier === 'every' && rel.kind === 'hasMany') parts.push(`(NOT ${exists(not(condition))})`);
    else throw new Error(`${resource.name}.${name}: "${quantifier}" does not apply to a ${rel.kind} relationship.`);
  }
  return all(parts);
}
