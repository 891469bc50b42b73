import { getNamedType, isInputObjectType, isLeafType, type GraphQLInputObjectType } from 'graphql';

/** How a filter input type is read: which keys are operators, relationships, quantifiers. */
type FilterKind = 'operators' | 'quantifiers' | 'record';

const QUANTIFIERS: ReadonlySet<string> = new Set(['some', 'every', 'none']);
const COMBINATORS: ReadonlySet<string> = new Set(['and', 'or', 'not']);

const kinds = new WeakMap<GraphQLInputObjectType, FilterKind>();

/**
 * The shape of a filter input type (src/graphql/filters.ts): an operator input
 * (`StringFilter`: only scalar or enum fields), a to-many relationship's
 * quantifiers (`CommentListFilter`: `some` / `every` / `none`), or a record
 * filter (`ItemFilter`: `and` / `or` / `not`, attributes, relationships).
 */
function kindOf(type: GraphQLInputObjectType): FilterKind {
  let kind = kinds.get(type);
  if (kind) return kind;
  const fields = Object.values(type.getFields());
  if (fields.every((field) => isLeafType(getNamedType(field.type)))) kind = 'operators';
  else if (fields.every((field) => QUANTIFIERS.has(field.name) && isInputObjectType(getNamedType(field.type)))) kind = 'quantifiers';
  else kind = 'record';
  kinds.set(type, kind);
  return kind;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Estimated cost of testing ONE record against `value`, a filter of input type
 * `type` (as JSON: literals and variables already resolved). It prices a
 * filter like the fields it reads, as the cost model prices a selection:
 * - each operator given on an attribute (`eq`, `contains`, ...): 1; a field of
 *   a filter that takes a value directly (EventFilter's `resource`): 1;
 * - a to-one relationship (`workspace: { ... }`): 1 (the join) plus the
 *   cost of its filter;
 * - each quantifier on a to-many relationship (`comments: { some: { ... } }`):
 *   1 plus `assumedListSize` times the cost of its filter, as every related
 *   record may be tested;
 * - `and` / `or` / `not`: the sum of their filters.
 * Null values and unknown keys (validation refuses these) cost nothing. The
 * recursion is as deep as the value, which the input scan bounded
 * (`maxNesting`) before this runs.
 */
export function filterCost(type: GraphQLInputObjectType, value: unknown, assumedListSize: number): number {
  if (!isObject(value)) return 0;
  const fields = type.getFields();
  let cost = 0;
  for (const [key, inner] of Object.entries(value)) {
    const field = fields[key];
    if (inner === null || inner === undefined || !field) continue;
    const fieldType = getNamedType(field.type);
    if (!isInputObjectType(fieldType)) {
      cost += 1;
    } else if (fieldType === type && COMBINATORS.has(key)) {
      for (const filter of Array.isArray(inner) ? inner : [inner]) cost += filterCost(type, filter, assumedListSize);
    } else if (kindOf(fieldType) === 'operators') {
      if (isObject(inner)) cost += Object.values(inner).filter((operand) => operand !== null && operand !== undefined).length;
    } else if (kindOf(fieldType) === 'quantifiers') {
      if (!isObject(inner)) continue;
      const quantifiers = fieldType.getFields();
      for (const [quantifier, filter] of Object.entries(inner)) {
        const filterType = quantifiers[quantifier] && getNamedType(quantifiers[quantifier].type);
        if (filter === null || filter === undefined || !isInputObjectType(filterType)) continue;
        cost += 1 + assumedListSize * filterCost(filterType, filter, assumedListSize);
      }
    } else {
      cost += 1 + filterCost(fieldType, inner, assumedListSize);
    }
  }
  return cost;
}
