import type { FieldNode } from 'graphql';

/**
 * The meta fields graphql-js answers itself: `__typename`, and the
 * introspection entry points `__schema` and `__type`.
 *
 * Depth and cost leave them out, with everything below them, so that what a
 * client adds on its own (Apollo Client and urql add `__typename` to every
 * selection set; GraphiQL sends the introspection query) never changes
 * whether a query passes. None of them touches the database; graphql-js
 * validation (MaxIntrospectionDepthRule) bounds how deep introspection
 * nests, and the alias count still counts their aliases, the only way one
 * request could repeat them.
 */
const META_FIELDS: ReadonlySet<string> = new Set(['__typename', '__schema', '__type']);

export const isMetaField = (node: FieldNode): boolean => META_FIELDS.has(node.name.value);
