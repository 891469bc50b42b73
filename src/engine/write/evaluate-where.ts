import type { Domain, Resource } from '../../resource';
import type { RecordState } from '../record';
import { isEmpty } from '../sql/where';

type Where = Readonly<Record<string, unknown>>;

/** The records related to `record` through a to-many or to-one relationship, when the decision knows all of them; undefined when it does not. */
export type RelatedOf = (resource: Resource, record: RecordState, relationship: string) => readonly RecordState[] | undefined;

/** Whether the existing record `id` of `resource` meets `where` (a fact); undefined when not known. */
export type HoldsFor = (resource: string, id: string, where: Where) => boolean | undefined;

/**
 * SQL's three truth values (null: SQL NULL, e.g. a comparison with a NULL
 * column), and undefined: not known to the decision.
 */
type Truth = boolean | null | undefined;

/**
 * Evaluates an engine `where` on a record in memory, selecting exactly the
 * rows `whereSql` selects (a test compares them case by case): SQL's
 * three-valued logic (a comparison with NULL is NULL, and `NOT NULL` stays
 * NULL), `{}` holds, `OR: []` does not, `in: []` never and `notIn: []` always
 * holds, `contains` / `startsWith` are LIKE patterns (`%`, `_`, `\` escapes),
 * `every` fails only on a related record whose condition is false. True when
 * the row is selected, false when not, undefined when the answer needs a
 * record the decision does not know (a belongsTo's parent read from the
 * database): the caller then asks the database.
 */
export function evaluateWhere(
  domain: Domain, resource: Resource, record: RecordState, where: Where, relatedOf: RelatedOf, holdsFor?: HoldsFor,
): boolean | undefined {
  const truth = evaluate(domain, resource, record, where, relatedOf, holdsFor);
  return truth === undefined ? undefined : truth === true;
}

function evaluate(domain: Domain, resource: Resource, record: RecordState, where: Where, relatedOf: RelatedOf, holdsFor?: HoldsFor): Truth {
  const parts: Truth[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    const sub = (w: Where) => evaluate(domain, resource, record, w, relatedOf, holdsFor);
    if (key === 'AND') parts.push(and(list(value).map(sub)));
    else if (key === 'OR') parts.push(or(list(value).filter((w) => !isEmpty(w)).map(sub)));
    else if (key === 'NOT') parts.push(and(list(value).map((w) => (isEmpty(w) ? true : not(sub(w))))));
    else if (resource.attributeByName.has(key)) parts.push(attributeTruth(record[key] ?? null, value));
    else if (resource.relationshipByName.has(key)) parts.push(relationshipTruth(domain, resource, record, key, value as Where, relatedOf, holdsFor));
    else throw new Error(`Cannot evaluate a condition on ${resource.name}.${key}.`);
  }
  return and(parts);
}

const list = (value: unknown): Where[] => (Array.isArray(value) ? value : [value]) as Where[];

function not(t: Truth): Truth {
  return typeof t === 'boolean' ? !t : t;
}

function and(ts: readonly Truth[]): Truth {
  if (ts.includes(false)) return false;
  if (ts.includes(undefined)) return undefined;
  return ts.includes(null) ? null : true;
}

function or(ts: readonly Truth[]): Truth {
  if (ts.includes(true)) return true;
  if (ts.includes(undefined)) return undefined;
  return ts.includes(null) ? null : false;
}

function attributeTruth(actual: unknown, operators: unknown): Truth {
  if (operators === null) return actual === null;
  const comparable = (v: unknown) => (v instanceof Date ? v.getTime() : v);
  const a = comparable(actual);
  return and(Object.entries(operators as Where).map(([operator, operand]): Truth => {
    if (operand === undefined) return true;
    if (operand === null && operator === 'equals') return actual === null;
    if (operand === null && operator === 'not') return actual !== null;
    if (operator === 'in' && (operand as unknown[]).length === 0) return false;
    if (operator === 'notIn' && (operand as unknown[]).length === 0) return true;
    if (actual === null) return null;
    const b = comparable(operand);
    switch (operator) {
      case 'equals':
        return a === b;
      case 'not':
        return a !== b;
      case 'in':
        return (operand as unknown[]).map(comparable).includes(a);
      case 'notIn':
        return !(operand as unknown[]).map(comparable).includes(a);
      case 'contains':
        return like(textOf(actual), `%${String(operand)}%`);
      case 'startsWith':
        return like(textOf(actual), `${String(operand)}%`);
      case 'lt':
        return (a as number) < (b as number);
      case 'lte':
        return (a as number) <= (b as number);
      case 'gt':
        return (a as number) > (b as number);
      case 'gte':
        return (a as number) >= (b as number);
      default:
        throw new Error(`Unknown operator "${operator}".`);
    }
  }));
}

const textOf = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value));

/** SQL LIKE: `%` any run, `_` any one character, `\` makes the next one literal. */
function like(text: string, pattern: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]!);
    else if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`).test(text);
}

const escapeRegExp = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** `some` / `is`: EXISTS (a related record for which the condition is true); `none`: NOT that; `every`: NOT EXISTS (one for which it is false). */
function relationshipTruth(domain: Domain, resource: Resource, record: RecordState, name: string, value: Where, relatedOf: RelatedOf, holdsFor?: HoldsFor): Truth {
  const rel = resource.relationshipByName.get(name)!;
  const related = relatedOf(resource, record, name);
  if (related === undefined) {
    // A parent the decision does not know: whether it meets the condition is a fact about it.
    const key = rel.kind === 'belongsTo' ? record[rel.sourceAttribute] : undefined;
    if (!holdsFor || typeof key !== 'string' || Object.keys(value).some((q) => q !== 'is')) return undefined;
    return value.is === undefined ? true : holdsFor((rel as { destination: string }).destination, key, value.is as Where);
  }
  const destination = domain.resource((rel as { destination: string }).destination);
  const exists = (where: Where, wanted: boolean): Truth => {
    const truths = related.map((r) => evaluate(domain, destination, r, where, relatedOf, holdsFor));
    if (truths.includes(wanted)) return true;
    return truths.includes(undefined) ? undefined : false;
  };
  return and(Object.entries(value).map(([quantifier, inner]): Truth => {
    if (inner === undefined) return true;
    if (quantifier === 'is' || quantifier === 'some') return exists(inner as Where, true);
    if (quantifier === 'none') return not(exists(inner as Where, true));
    if (quantifier === 'every') return not(exists(inner as Where, false));
    throw new Error(`${resource.name}.${name}: unknown quantifier "${quantifier}".`);
  }));
}
