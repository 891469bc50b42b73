import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** How one measure (depth, cost, aliases) folds an operation's selections. */
export interface SelectionFold<T> {
  /**
   * The value of one field. `definition` is undefined for a field the schema
   * does not have (validation reports it later); `inner()` folds the field's
   * own selections (`combine([])` for a leaf).
   */
  field(node: FieldNode, definition: GraphQLField<unknown, unknown> | undefined, parentType: GraphQLNamedType | undefined, inner: () => T): T;
  /** The value of sibling selections together; `combine([])` is the value of nothing. */
  combine(values: readonly T[]): T;
}

/** Fragment spreads nest (a fragment spreading a fragment spreading ...) deeper than allowed. */
export class FragmentsTooDeep extends Error {
  constructor(readonly maxNesting: number) {
    super(`Fragment spreads nest more than ${maxNesting} levels deep.`);
    this.name = 'FragmentsTooDeep';
  }
}

/**
 * Folds `operation` as it will execute: inline fragments and named fragment
 * spreads are followed as if their selections were written in place. It runs
 * before validation, so it tolerates what validation would refuse: a spread
 * of an unknown fragment, or one that cycles back into a fragment being
 * folded, adds nothing. Each fragment is folded once and its value reused
 * (its selections mean the same wherever it is spread), so a document that
 * spreads fragments exponentially costs linear time here while its value
 * still counts every expansion. Spreads nested more than `maxNesting` deep
 * throw `FragmentsTooDeep` (graphql-js validates them by recursion).
 */
export function foldOperation<T>(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  fold: SelectionFold<T>,
  maxNesting: number,
): T {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const folded = new Map<string, T>();
  const folding = new Set<string>();
  const nothing = fold.combine([]);

  const foldSet = (set: SelectionSetNode | undefined, type: GraphQLNamedType | undefined, spreads: number): T =>
    set ? fold.combine(set.selections.map((selection) => foldSelection(selection, type, spreads))) : nothing;

  function foldSelection(selection: SelectionNode, type: GraphQLNamedType | undefined, spreads: number): T {
    switch (selection.kind) {
      case Kind.FIELD: {
        const definition = fieldDefinition(type, selection.name.value);
        const inner = () => foldSet(selection.selectionSet, definition && getNamedType(definition.type), spreads);
        return fold.field(selection, definition, type, inner);
      }
      case Kind.INLINE_FRAGMENT:
        return foldSet(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) ?? undefined : type, spreads);
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        if (folded.has(name)) return folded.get(name)!;
        const fragment = fragments.get(name);
        if (!fragment || folding.has(name)) return nothing;
        if (spreads >= maxNesting) throw new FragmentsTooDeep(maxNesting);
        folding.add(name);
        const value = foldSet(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, spreads + 1);
        folding.delete(name);
        folded.set(name, value);
        return value;
      }
    }
  }

  return foldSet(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, 0);
}

function fieldDefinition(type: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
  if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}
