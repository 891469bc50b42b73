import type { SelectionFold } from './fold-selections';

/**
 * Aliases in an operation as it executes: a fragment spread twice counts its
 * aliases twice. Aliases of `__typename` and of introspection fields count
 * too, although depth and cost leave those fields out: a client never aliases
 * what it adds on its own, and aliases are how one request would repeat an
 * expensive field (`__schema`) many times.
 */
export const aliasFold: SelectionFold<number> = {
  field: (node, _definition, _parentType, inner) => (node.alias ? 1 : 0) + inner(),
  combine: (values) => values.reduce((sum, value) => sum + value, 0),
};
