import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Returns whether a connection field's selection set asks for `totalCount`,
 * directly, in an inline fragment, or in a named fragment of `document` it
 * spreads (and the fragments those spread, at the same level). Deeper fields
 * (`edges { ... }`) are not looked into. The fragments are read once, in
 * time linear in the document however they spread one another.
 */
export function totalCountSelector(document: DocumentNode): (set: SelectionSetNode | undefined) => boolean {
  let counting: ReadonlySet<string> | undefined;
  const fragmentCounts = (name: string) => {
    counting ??= countingFragments(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION));
    return counting.has(name);
  };
  return (set) => {
    const { fields, spreads } = topLevel(set);
    return fields.has('totalCount') || spreads.some(fragmentCounts);
  };
}

/** Field names and spread fragment names of `set`, at its level (inline fragments are that level too). */
function topLevel(set: SelectionSetNode | undefined): { fields: Set<string>; spreads: string[] } {
  const fields = new Set<string>();
  const spreads: string[] = [];
  const pending = set ? [set] : [];
  while (pending.length > 0) {
    for (const selection of pending.pop()!.selections) {
      if (selection.kind === Kind.FIELD) fields.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) pending.push(selection.selectionSet);
      else spreads.push(selection.name.value);
    }
  }
  return { fields, spreads };
}

/**
 * The fragments that select `totalCount` at their top level, themselves or
 * through the fragments they spread there: a walk back from those that
 * select it directly along "is spread by", each fragment visited once.
 */
function countingFragments(definitions: readonly FragmentDefinitionNode[]): Set<string> {
  const spreaders = new Map<string, string[]>();
  const counting = new Set<string>();
  for (const definition of definitions) {
    const name = definition.name.value;
    const { fields, spreads } = topLevel(definition.selectionSet);
    if (fields.has('totalCount')) counting.add(name);
    for (const spread of spreads) {
      const list = spreaders.get(spread) ?? [];
      list.push(name);
      spreaders.set(spread, list);
    }
  }
  const pending = [...counting];
  while (pending.length > 0) {
    for (const spreader of spreaders.get(pending.pop()!) ?? []) {
      if (counting.has(spreader)) continue;
      counting.add(spreader);
      pending.push(spreader);
    }
  }
  return counting;
}
