import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import type { Build } from './context';
import { argumentValues } from './input-values';
import { subjectOf } from './type-hints';
import type { Variables } from './variables';

/** Nesting of selection sets; the server's depth limit is 12, so now and then a query goes past it. */
export const usualDepth = 8;
export const excessiveDepth = 14;

/**
 * A random selection set on `type`, walked from the schema's output types.
 * Every object selects `__typename` and its `id` and `version` (what the pools
 * learn from); a field named `errors` is selected whole (mutation payload
 * errors are checked too). Other leaves are picked at random; relationship
 * fields less often the deeper the record, each with random arguments
 * (filter, sort, limit, offset, first, after...), sometimes twice under
 * aliases with different arguments. Unions get an inline fragment per member.
 */
export function selectionSet(type: GraphQLCompositeType, b: Build, vars: Variables, depth: number, maxDepth: number, records = 0): string {
  if (isUnionType(type)) {
    const fragments = type.getTypes().filter(() => b.rng.chance(0.7));
    return `{ __typename ${fragments.map((t) => `... on ${t.name} ${selectionSet(t, b, vars, depth + 1, maxDepth, records)}`).join(' ')} }`;
  }
  const fields = (isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : []) as GraphQLField<unknown, unknown>[];
  const isRecord = fields.some((f) => f.name === 'id');
  const level = records + (isRecord ? 1 : 0);
  const parts = ['__typename'];
  for (const field of fields) {
    const named = getNamedType(field.type);
    if (field.name === 'id' || field.name === 'version') {
      parts.push(field.name);
    } else if (!isCompositeType(named)) {
      if (b.budget > 0 && b.rng.chance(isRecord ? 0.35 : 0.5)) parts.push(fieldText(field, b, vars, ''));
    } else if (field.name === 'errors') {
      parts.push(`errors ${leaves(named)}`);
    } else if (depth < maxDepth && b.budget > 0 && b.rng.chance(isRecord ? 0.4 / level : 0.75)) {
      parts.push(fieldText(field, b, vars, selectionSet(named, b, vars, depth + 1, maxDepth, level)));
      if (field.args.length > 0 && b.rng.chance(0.1)) {
        parts.push(`${b.name('a')}: ${fieldText(field, b, vars, selectionSet(named, b, vars, depth + 1, maxDepth, level))}`);
      }
    }
  }
  return `{ ${parts.join(' ')} }`;
}

/** `name(args) selection`, with random arguments. */
export function fieldText(field: GraphQLField<unknown, unknown>, b: Build, vars: Variables, selection: string): string {
  b.budget -= 1;
  const args = argumentValues(field.args, subjectOf(field), b, 0.45);
  const written = field.args.filter((a) => args.has(a.name)).map((a) => `${a.name}: ${vars.use(a.type, args.get(a.name))}`);
  return `${field.name}${written.length > 0 ? `(${written.join(', ')})` : ''}${selection ? ` ${selection}` : ''}`;
}

/** Every leaf field of `type` (for `errors { code message fields path }`). */
function leaves(type: GraphQLCompositeType): string {
  const fields = isObjectType(type) ? Object.values((type as GraphQLObjectType).getFields()) : [];
  return `{ ${fields.filter((f) => !isCompositeType(getNamedType(f.type))).map((f) => f.name).join(' ')} }`;
}
