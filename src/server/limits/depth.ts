import type { SelectionFold } from './fold-selections';
import { isMetaField } from './meta-fields';

/**
 * Depth of an operation: the most fields on a path from the operation down
 * to a leaf (`{ a { b } }` is 2; fragments add no level of their own).
 * `__typename`, `__schema`, `__type` and their subtrees count nothing (see
 * `isMetaField`): GraphiQL's introspection query is deeper than any sensible
 * data limit, and graphql-js validation (MaxIntrospectionDepthRule) already
 * refuses introspection that nests its lists too deep.
 */
export const depthFold: SelectionFold<number> = {
  field: (node, _definition, _parentType, inner) => (isMetaField(node) ? 0 : 1 + inner()),
  combine: (values) => values.reduce((deepest, value) => Math.max(deepest, value), 0),
};
