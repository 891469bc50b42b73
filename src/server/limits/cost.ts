import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import type { SchemaLimits } from '../../graphql/context';
import { filterCost } from './filter-cost';
import type { SelectionFold } from './fold-selections';
import { isMetaField } from './meta-fields';
import { totalCountSelector } from './selects-total-count';

export type CostLimits = Pick<SchemaLimits, 'defaultPageSize' | 'maxPageSize' | 'assumedListSize'>;

/**
 * Estimated cost of an operation: an upper bound on the fields its response
 * holds, plus the records the database tests against filters and counts to
 * find them. Every field costs
 *
 *   1 + records x cost(selection) + scanned x filter (+ counting, below)
 *
 * records, the most the field can return:
 * - a field taking `first` / `last` (root connections, `history`, `events`):
 *   that argument, else the default page size;
 * - a field taking `limit` (to-many relationships): `limit`, else
 *   `assumedListSize` (the schema does not bound those lists; `limit` does);
 * - any other list (polymorphic `relations`, event `links`): `assumedListSize`,
 *   except a connection's `edges`, which its connection field already counted;
 * - anything else: 1.
 * filter: the cost of testing one record against the field's `filter`
 * argument (`filterCost`: 1 per operator, 1 plus the inner filter per to-one
 * relationship, 1 + `assumedListSize` x the inner filter per to-many
 * quantifier), 0 without one.
 * scanned, the records the filter is tested on: a page may have to skip any
 * number of records that do not match before it fills (`first: 1` on a
 * filter nothing matches reads the whole table), so at least a default
 * page: `max(records, defaultPageSize)` for a field taking `first` / `last`,
 * `max(records, assumedListSize)` per parent for the others.
 * counting: a connection whose selection asks for `totalCount` (directly or
 * through fragments) reads every match whatever its page size, priced as a
 * full page: `maxPageSize x (1 + filter)`.
 *
 * Page sizes come from literals or variables (a variable's default when it is
 * not given) and are clamped to 0..maxPageSize: a value out of range is
 * refused by its resolver with INVALID_INPUT, not here. Filters come from
 * literals, variables (also inside literals) and variable defaults too.
 * `__typename`, `__schema` and `__type` cost nothing, with everything
 * below them (`isMetaField`): what a client adds on its own never changes
 * the cost (introspection types are reached only through them). The
 * branches of an abstract type's fragments are added, not maxed: an
 * estimate, never low.
 */
export function costFold(document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>, limits: CostLimits): SelectionFold<number> {
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  const selectsTotalCount = totalCountSelector(document);

  function intArgument(node: FieldNode, name: string): number | undefined {
    const argument = node.arguments?.find((a) => a.name.value === name);
    if (!argument) return undefined;
    let value = argument.value;
    if (value.kind === Kind.VARIABLE) {
      const given = variables[value.name.value];
      if (given !== undefined) return Number.isInteger(given) ? (given as number) : undefined;
      const fallback = defaults.get(value.name.value);
      if (!fallback) return undefined;
      value = fallback;
    }
    return value.kind === Kind.INT ? Number(value.value) : undefined;
  }

  /** The variables as execution will see them: given values, else their defaults. */
  let effectiveVariables: Record<string, unknown> | undefined;
  function effective(): Record<string, unknown> {
    if (!effectiveVariables) {
      effectiveVariables = {};
      for (const [name, value] of defaults) effectiveVariables[name] = valueFromASTUntyped(value);
      for (const [name, value] of Object.entries(variables)) if (value !== undefined) effectiveVariables[name] = value;
    }
    return effectiveVariables;
  }

  /** The cost of testing one record against the field's `filter` argument (0 without one). */
  function filterArgumentCost(node: FieldNode, definition: GraphQLField<unknown, unknown>): number {
    const argument = node.arguments?.find((a) => a.name.value === 'filter');
    const type = argument && definition.args.find((a) => a.name === 'filter')?.type;
    const inputType = type && getNamedType(type);
    if (!argument || !isInputObjectType(inputType)) return 0;
    return filterCost(inputType, valueFromASTUntyped(argument.value, effective()), limits.assumedListSize);
  }

  const pageSize = (n: number) => Math.min(Math.max(n, 0), limits.maxPageSize);

  function fieldCost(node: FieldNode, definition: GraphQLField<unknown, unknown> | undefined, parentType: GraphQLNamedType | undefined, inner: () => number): number {
    if (isMetaField(node)) return 0;
    const type = definition && getNamedType(definition.type);
    if (!definition || !type) return 1 + inner();
    const takes = (name: string) => definition.args.some((a) => a.name === name);
    const filter = filterArgumentCost(node, definition);
    if (takes('first') || takes('last')) {
      const records = pageSize(intArgument(node, 'first') ?? intArgument(node, 'last') ?? limits.defaultPageSize);
      const counted = isObjectType(type) && 'totalCount' in type.getFields() && selectsTotalCount(node.selectionSet);
      return 1 + records * inner() + Math.max(records, limits.defaultPageSize) * filter + (counted ? limits.maxPageSize * (1 + filter) : 0);
    }
    const records = takes('limit')
      ? pageSize(intArgument(node, 'limit') ?? limits.assumedListSize)
      : !isListType(getNullableType(definition.type)) || (node.name.value === 'edges' && parentType?.name.endsWith('Connection'))
        ? 1
        : limits.assumedListSize;
    return 1 + records * inner() + Math.max(records, limits.assumedListSize) * filter;
  }

  return {
    field: fieldCost,
    combine: (values) => values.reduce((sum, value) => sum + value, 0),
  };
}
