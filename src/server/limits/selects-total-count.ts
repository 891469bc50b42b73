import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type Source } from 'graphql';

/** The fragments of a document: which of them select `totalCount` at their own level. */
interface Fragments {
  /** Fragments whose selections (through inline fragments and spreads) include `totalCount` at their top level. */
  readonly counting: ReadonlySet<string>;
}

const bySource = new WeakMap<Source, Fragments | null>();

/**
 * Returns whether a connection field's selection set asks for `totalCount`,
 * directly, in an inline fragment, or in a named fragment it spreads (and the
 * fragments those spread, at the same level). Deeper fields (`edges { ... }`)
 * are not looked into.
 *
 * The cost fold sees the operation but not the rest of its document, so the
 * named fragments are read once per document from the text the operation
 * was parsed from (`operation.loc.source`; Yoga caches parsed documents, so
 * once per distinct query), in time linear in the document however the
 * fragments spread one another. Without that text, a spread is assumed to
 * select `totalCount`: the estimate may be high, never low.
 */
export function totalCountSelector(operation: OperationDefinitionNode): (set: SelectionSetNode | undefined) => boolean {
  let fragments: Fragments | null | undefined;
  const counting = (name: string) => {
    if (fragments === undefined) fragments = fragmentsOf(operation.loc?.source);
    return fragments === null || fragments.counting.has(name);
  };
  return (set) => {
    const { fields, spreads } = topLevel(set);
    return fields.has('totalCount') || spreads.some(counting);
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

function fragmentsOf(source: Source | undefined): Fragments | null {
  if (!source) return null;
  if (bySource.has(source)) return bySource.get(source)!;
  let definitions: FragmentDefinitionNode[] | null;
  try {
    definitions = parse(source, { noLocation: true }).definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  } catch {
    definitions = null; // it parsed once already; if not again, be conservative
  }
  const fragments = definitions && { counting: countingFragments(definitions) };
  bySource.set(source, fragments);
  return fragments;
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
