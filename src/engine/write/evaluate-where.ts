import type { Domain, Resource } from '../../resource';
import { isEmpty } from '../sql/where';
import type { RecordState } from '../record';

type Where = Readonly<Record<string, unknown>>;

/** The records related to `record` through a to-many or to-one relationship, when the decision knows all of them; undefined when it does not. */
export type RelatedOf = (resource: Resource, record: RecordState, relationship: string) => readonly RecordState[] | undefined;

/**
 * Evaluates an engine `where` (the language `whereSql` compiles, with the same
 * semantics: `{}` holds, `OR: []` does not, `not` / `notIn` never match NULL,
 * `every` holds on no related record) on a record in memory. Undefined when
 * the answer needs a record the decision does not know (a belongsTo's
 * parent read from the database): the caller then asks the database.
 */
export function evaluateWhere(domain: Domain, resource: Resource, record: RecordState, where: Where, relatedOf: RelatedOf): boolean | undefined {
  let unknown = false;
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    let holds: boolean | undefined;
    if (key === 'AND') holds = all(list(value).map((w) => evaluateWhere(domain, resource, record, w, relatedOf)));
    else if (key === 'OR') holds = any(list(value).filter((w) => !isEmpty(w)).map((w) => evaluateWhere(domain, resource, record, w, relatedOf)));
    else if (key === 'NOT') holds = all(list(value).map((w) => (isEmpty(w) ? true : negate(evaluateWhere(domain, resource, record, w, relatedOf)))));
    else if (resource.attributeByName.has(key)) holds = attributeHolds(record[key] ?? null, value);
    else if (resource.relationshipByName.has(key)) holds = relationshipHolds(domain, resource, record, key, value as Where, relatedOf);
    else throw new Error(`Cannot evaluate a condition on ${resource.name}.${key}.`);
    if (holds === false) return false;
    if (holds === undefined) unknown = true;
  }
  return unknown ? undefined : true;
}

const list = (value: unknown): Where[] => (Array.isArray(value) ? value : [value]) as Where[];
const negate = (b: boolean | undefined) => (b === undefined ? undefined : !b);

function all(results: readonly (boolean | undefined)[]): boolean | undefined {
  if (results.includes(false)) return false;
  return results.includes(undefined) ? undefined : true;
}

function any(results: readonly (boolean | undefined)[]): boolean | undefined {
  if (results.includes(true)) return true;
  return results.includes(undefined) ? undefined : false;
}

function attributeHolds(actual: unknown, operators: unknown): boolean {
  if (operators === null) return actual === null;
  const comparable = (v: unknown) => (v instanceof Date ? v.getTime() : v);
  const a = comparable(actual);
  return Object.entries(operators as Where).every(([operator, operand]) => {
    if (operand === undefined) return true;
    const b = comparable(operand);
    switch (operator) {
      case 'equals':
        return operand === null ? actual === null : a === b;
      case 'not':
        return operand === null ? actual !== null : actual !== null && a !== b;
      case 'in':
        return actual !== null && (operand as unknown[]).map(comparable).includes(a);
      case 'notIn':
        return actual !== null && !(operand as unknown[]).map(comparable).includes(a);
      case 'contains':
        return actual !== null && String(actual).includes(String(operand));
      case 'startsWith':
        return actual !== null && String(actual).startsWith(String(operand));
      case 'lt':
        return actual !== null && (a as number) < (b as number);
      case 'lte':
        return actual !== null && (a as number) <= (b as number);
      case 'gt':
        return actual !== null && (a as number) > (b as number);
      case 'gte':
        return actual !== null && (a as number) >= (b as number);
      default:
        throw new Error(`Unknown operator "${operator}".`);
    }
  });
}

function relationshipHolds(domain: Domain, resource: Resource, record: RecordState, name: string, value: Where, relatedOf: RelatedOf): boolean | undefined {
  const rel = resource.relationshipByName.get(name)!;
  const related = relatedOf(resource, record, name);
  if (related === undefined) return undefined;
  const destination = domain.resource((rel as { destination: string }).destination);
  const each = (where: Where) => related.map((r) => evaluateWhere(domain, destination, r, where, relatedOf));
  const results: (boolean | undefined)[] = [];
  for (const [quantifier, inner] of Object.entries(value)) {
    if (inner === undefined) continue;
    if (quantifier === 'is' || quantifier === 'some') results.push(any(each(inner as Where)));
    else if (quantifier === 'none') results.push(negate(any(each(inner as Where))));
    else if (quantifier === 'every') results.push(all(each(inner as Where)));
    else throw new Error(`${resource.name}.${name}: unknown quantifier "${quantifier}".`);
  }
  return all(results);
}
