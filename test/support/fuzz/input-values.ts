import {
  isInputObjectType,
  isListType,
  isNonNullType,
  isRequiredInputField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
} from 'graphql';
import type { Build, Slot } from './context';
import { leafValue } from './scalars';
import { relatedTypes } from './type-hints';
import { NOT_PROVIDED } from './variables';

/** Input objects nest at most this deep before only required fields are filled in. */
const MAX_INPUT_DEPTH = 4;
/** Input objects with more optional fields than this (filters) get a few of them, not half. */
const WIDE = 6;

/**
 * A value for an input of `type`, built by walking the schema's input types:
 * lists of a few elements, input objects with their required fields and a
 * random choice of optional ones (nested inputs follow the record type they
 * describe, see type-hints.ts), leaves from scalars.ts. Now and then a
 * required value is null or left out, or an input object gains an unknown
 * field, so the server's input checks are fuzzed too.
 */
export function inputValue(type: GraphQLInputType, slot: Slot, b: Build, depth = 0): unknown {
  if (isNonNullType(type)) return b.odd(0.03) ? null : nonNullValue(type.ofType, slot, b, depth);
  return b.rng.chance(0.03) ? null : nonNullValue(type, slot, b, depth);
}

function nonNullValue(type: GraphQLInputType, slot: Slot, b: Build, depth: number): unknown {
  const { rng } = b;
  if (isListType(type)) {
    const length = rng.weighted([[15, 0], [40, 1], [25, 2], [12, 3], [depth < 2 ? 8 : 0, rng.between(4, 8)]] as const);
    return Array.from({ length }, () => inputValue(type.ofType, slot, b, depth + 1));
  }
  if (isInputObjectType(type)) return objectValue(type, slot, b, depth);
  return leafValue(type, slot, b);
}

function objectValue(type: GraphQLInputObjectType, slot: Slot, b: Build, depth: number): Record<string, unknown> {
  const { rng } = b;
  const fields = Object.values(type.getFields());
  const optional = fields.filter((f) => !isRequiredInputField(f));
  const chosen = new Set(
    depth >= MAX_INPUT_DEPTH ? [] : optional.length > WIDE ? rng.sample(optional, rng.weighted([[20, 0], [45, 1], [25, 2], [10, 3]] as const)) : optional.filter(() => rng.chance(0.5)),
  );
  // `workspaceId` and `workspace` name the same record two ways: a clean operation gives exactly one.
  for (const field of optional) {
    const key = type.getFields()[`${field.name}Id`];
    if (b.dirty || !key || isRequiredInputField(key)) continue;
    chosen.delete(field);
    chosen.delete(key);
    chosen.add(rng.chance(0.5) ? field : key);
  }
  const value: Record<string, unknown> = {};
  for (const field of fields) {
    if (isRequiredInputField(field) ? b.odd(0.03) : !chosen.has(field)) continue;
    value[field.name] = inputValue(field.type, slotOf(field, slot.owner, b), b, depth + 1);
  }
  if (b.odd(0.03)) value[rng.pick(['bogus', 'id', 'version', 'createdAt', '__typename'])] = rng.pick([1, 'x', null]);
  return value;
}

/** The slot of an argument or input field; a nested input object describes the related record type (`workspace` under Item: Workspace). */
function slotOf(field: { name: string; type: GraphQLInputType }, owner: Slot['owner'], b: Build): Slot {
  const nested = isInputObjectType(unwrap(field.type));
  return { name: field.name, owner: nested ? (relatedTypes(b.schema, owner, field.name) ?? owner) : owner };
}

function unwrap(type: GraphQLInputType): GraphQLInputType {
  return isNonNullType(type) || isListType(type) ? unwrap(type.ofType) : type;
}

/** Argument values of a field: required ones (in a clean operation) always, optional ones with `optionalChance`. */
export function argumentValues(
  args: readonly { name: string; type: GraphQLInputType; defaultValue?: unknown }[],
  owner: Slot['owner'],
  b: Build,
  optionalChance: number,
): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const arg of args) {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (required ? b.odd(0.02) : !b.rng.chance(optionalChance)) continue;
    const value = required && b.odd(0.02) ? NOT_PROVIDED : inputValue(arg.type, slotOf(arg, owner, b), b);
    values.set(arg.name, value);
  }
  // `expectedVersion` next to a known record's `id`: mostly its version, or one behind (STALE_RECORD).
  const id = values.get('id');
  const version = typeof id === 'string' ? b.pools.versionOf(id) : undefined;
  if (values.has('expectedVersion') && version !== undefined && b.rng.chance(0.8)) values.set('expectedVersion', b.rng.chance(0.75) ? version : version - 1);
  return values;
}
