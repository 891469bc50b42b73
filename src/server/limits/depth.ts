import type { SelectionFold } from './fold-selections';

/** Introspection entry points; graphql-js's MaxIntrospectionDepthRule limits what is below them. */
export const INTROSPECTION_ROOTS: ReadonlySet<string> = new Set(['__schema', '__type']);

/**
 * Depth of an operation: the most fields on a path from the operation down
 * to a leaf (`{ a { b } }` is 2; fragments add no level of their own). The
 * subtrees of `__schema` and `__type` count nothing: GraphiQL's introspection
 * query is deeper than any sensible data limit, and graphql-js validation
 * (MaxIntrospectionDepthRule) already refuses introspection that nests its
 * lists too deep.
 */
export const depthFold: SelectionFold<number> = {
  field: (node, _definition, _parentType, inner) => (INTROSPECTION_ROOTS.has(node.name.value) ? 0 : 1 + inner()),
  combine: (values) => values.reduce((deepest, value) => Math.max(deepest, value), 0),
};
