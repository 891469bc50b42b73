import { getNamedType, isCompositeType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { Build } from './context';
import type { Pools } from './pools';
import type { Random } from './random';
import { excessiveDepth, fieldText, selectionSet, usualDepth } from './selection';
import { subjectOf } from './type-hints';
import { Variables } from './variables';

export interface Operation {
  readonly kind: 'query' | 'mutation';
  /** Root fields, in the order they run, with the key of each in `data`. */
  readonly roots: readonly { readonly key: string; readonly field: string }[];
  readonly query: string;
  readonly variables: Record<string, unknown>;
  /** The response may differ between runs (learned times, the log's commit-safe view): learn nothing from it. */
  readonly volatile: boolean;
  /** It may carry invalid input on purpose. */
  readonly dirty: boolean;
}

/** Share of operations that may carry invalid input; the others are valid (though not always allowed or found). */
const DIRTY = 0.25;
/** Fields a selection may add beyond the required ones: queries, mutations (whose point is the write). */
const BUDGET = { query: 40, mutation: 15 };

/**
 * One random operation built from the schema: a query (any root field of
 * Query) or a mutation (any root field of Mutation), random arguments,
 * a random selection set; sometimes two root fields; now and then a broken
 * document, so the parser's errors are exercised too.
 */
export function randomOperation(schema: GraphQLSchema, rng: Random, pools: Pools): Operation {
  const kind = rng.chance(0.45) ? 'mutation' : 'query';
  const b = new Build(schema, rng, pools, BUDGET[kind], rng.chance(DIRTY));
  const root = (kind === 'mutation' ? schema.getMutationType() : schema.getQueryType())!;
  const vars = new Variables(b);
  const maxDepth = b.odd(0.1) ? excessiveDepth : kind === 'mutation' ? usualDepth - 3 : usualDepth;
  const picked = Array.from({ length: rng.chance(0.06) ? 2 : 1 }, () => rng.pick(Object.values(root.getFields())));
  const roots: { key: string; field: string }[] = [];
  const parts = picked.map((field, i) => {
    const named = getNamedType(field.type);
    const selection = isCompositeType(named) ? selectionSet(named, b, vars, 1, maxDepth) : '';
    const key = i > 0 || rng.chance(0.05) ? b.name('r') : field.name;
    roots.push({ key, field: field.name });
    return `${key === field.name ? '' : `${key}: `}${fieldText(field as GraphQLField<unknown, unknown>, b, vars, selection)}`;
  });
  let query = `${kind} Fuzz${vars.header()} { ${parts.join(' ')} }`;
  if (b.odd(0.02)) query = query.slice(0, rng.int(query.length)); // a truncated document
  return { kind, roots, query, variables: vars.values, volatile: b.volatile || picked.some((f) => !isWritten(schema, f)), dirty: b.dirty };
}

/** Whether some mutation returns the records this root field reads (the event log's `events` is not one). */
function isWritten(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): boolean {
  const mutation = schema.getMutationType();
  if (!mutation || mutation.getFields()[field.name] === field) return true;
  const subjects = new Set(subjectOf(field).map((t) => t.name));
  return Object.values(mutation.getFields()).some((m) => subjectOf(m).some((t) => subjects.has(t.name)));
}
