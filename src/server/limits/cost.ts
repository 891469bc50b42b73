import {
  getNamedType,
  getNullableType,
  isIntrospectionType,
  isListType,
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import type { SchemaLimits } from '../../graphql/context';
import type { SelectionFold } from './fold-selections';

export type CostLimits = Pick<SchemaLimits, 'defaultPageSize' | 'maxPageSize' | 'assumedListSize'>;

/**
 * Estimated cost of an operation: an upper bound on the fields its response
 * holds. Every field costs 1 plus its selection's cost times the number of
 * records it can return:
 * - a field taking `first` / `last` (root connections, `history`, `events`):
 *   that argument, else the default page size;
 * - a field taking `limit` (to-many relationships): `limit`, else
 *   `assumedListSize` (the schema does not bound those lists; `limit` does);
 * - any other list (polymorphic `relations`, event `links`): `assumedListSize`,
 *   except a connection's `edges`, which its connection field already counted;
 * - anything else: 1.
 * Page sizes come from literals or variables (a variable's default when it is
 * not given) and are clamped to 0..maxPageSize: a value out of range is
 * refused by its resolver with INVALID_INPUT, not here. Introspection fields
 * (types named `__...`) cost 1 each and multiply nothing. The branches of an
 * abstract type's fragments are added, not maxed: an estimate, never low.
 */
export function costFold(operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>, limits: CostLimits): SelectionFold<number> {
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
  }

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

  const pageSize = (n: number) => Math.min(Math.max(n, 0), limits.maxPageSize);

  function multiplier(node: FieldNode, definition: GraphQLField<unknown, unknown> | undefined, parentType: GraphQLNamedType | undefined): number {
    if (!definition || isIntrospectionType(getNamedType(definition.type))) return 1;
    const takes = (name: string) => definition.args.some((a) => a.name === name);
    if (takes('first') || takes('last')) return pageSize(intArgument(node, 'first') ?? intArgument(node, 'last') ?? limits.defaultPageSize);
    if (takes('limit')) return pageSize(intArgument(node, 'limit') ?? limits.assumedListSize);
    if (!isListType(getNullableType(definition.type))) return 1;
    if (node.name.value === 'edges' && parentType?.name.endsWith('Connection')) return 1;
    return limits.assumedListSize;
  }

  return {
    field: (node, definition, parentType, inner) => 1 + multiplier(node, definition, parentType) * inner(),
    combine: (values) => values.reduce((sum, value) => sum + value, 0),
  };
}
