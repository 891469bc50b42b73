import type { SelectionFold } from './fold-selections';

/**
 * Aliases in an operation as it executes: a fragment spread twice counts its
 * aliases twice. Introspection is counted too: aliases are how one request
 * would repeat an expensive field many times.
 */
export const aliasFold: SelectionFold<number> = {
  field: (node, _definition, _parentType, inner) => (node.alias ? 1 : 0) + inner(),
  combine: (values) => values.reduce((sum, value) => sum + value, 0),
};
