import type { ManagedArgument, Resource } from '../../resource';
import { isUuid } from '../query-errors';
import { actionError, type ActionError } from '../errors';

/** One record mentioned in a managed argument's input. */
export interface ManagedEntry {
  /** Path of the entry in the action input, e.g. ["members", "1"]. */
  readonly path: readonly string[];
  /** The lookup key the entry names (`id` or an identity), when it names one; `bare` when the entry is the key itself (valueIsKey). */
  readonly lookup: { readonly attribute: string; readonly value: unknown; readonly bare?: boolean } | undefined;
  /** Destination fields (create / update input), keys excluded. */
  readonly fields: Readonly<Record<string, unknown>>;
  /** manyToMany: join resource fields (e.g. role). */
  readonly joinFields: Readonly<Record<string, unknown>>;
}

export type EntriesResult =
  | { readonly ok: true; readonly given: false }
  | { readonly ok: true; readonly given: true; readonly entries: readonly ManagedEntry[] }
  | { readonly ok: false; readonly errors: readonly ActionError[] };

/**
 * Splits a managed argument's input into entries (pure). Absent = no change
 * (`given: false`); `null` or `[]` = the empty set. A bare scalar stands for
 * its lookup key when `valueIsKey`. Keys that no allowed operation uses are
 * rejected at their path, as are two entries naming the same record.
 * `allowedFields` are the destination fields the argument's operations take.
 */
export function managedEntries(
  arg: ManagedArgument,
  many: boolean,
  value: unknown,
  allowedFields: ReadonlySet<string>,
): EntriesResult {
  if (value === undefined) return { ok: true, given: false };
  if (value === null) return { ok: true, given: true, entries: [] };
  if (many !== Array.isArray(value)) {
    return { ok: false, errors: [actionError('INVALID_INPUT', `${arg.name} must be ${many ? 'a list' : 'a single value, not a list'} but got: ${describe(value)}.`, [arg.name])] };
  }
  const items = many ? (value as unknown[]) : [value];
  const errors: ActionError[] = [];
  const entries: ManagedEntry[] = [];
  const seen = new Map<string, string>();
  items.forEach((item, index) => {
    const path = many ? [arg.name, String(index)] : [arg.name];
    const entry = toEntry(arg, item, path, allowedFields, errors);
    if (!entry) return;
    if (entry.lookup) {
      const key = `${entry.lookup.attribute}:${JSON.stringify(entry.lookup.value)}`;
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push(actionError('INVALID_INPUT', `${arg.name} names the same record twice (${entry.lookup.attribute} ${JSON.stringify(entry.lookup.value)}, also at index ${first}).`, entry.lookup.bare ? path : [...path, entry.lookup.attribute]));
        return;
      }
      seen.set(key, String(index));
    }
    entries.push(entry);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, given: true, entries };
}

/**
 * Lookup keys whose value cannot be one (a malformed UUID for an id), as
 * INVALID_INPUT at the key's path, so no lookup is sent with it.
 */
export function malformedLookups(entries: readonly ManagedEntry[], destination: Resource): ActionError[] {
  return entries.flatMap((entry) => {
    const lookup = entry.lookup;
    if (!lookup || destination.attributeByName.get(lookup.attribute)?.type !== 'uuid' || isUuid(lookup.value)) return [];
    return [actionError('INVALID_INPUT', `Expected a UUID but got: ${JSON.stringify(lookup.value)}.`, lookup.bare ? entry.path : [...entry.path, lookup.attribute])];
  });
}

function toEntry(arg: ManagedArgument, item: unknown, path: string[], allowedFields: ReadonlySet<string>, errors: ActionError[]): ManagedEntry | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    if (arg.valueIsKey && item !== null && (typeof item === 'string' || typeof item === 'number')) {
      return { path, lookup: { attribute: arg.lookupBy[0]!, value: lookupValue(arg.lookupBy[0]!, item), bare: true }, fields: {}, joinFields: {} };
    }
    const expected = arg.valueIsKey ? `a ${arg.lookupBy[0]} or an object` : 'an object';
    errors.push(actionError('INVALID_INPUT', `Expected ${expected} but got: ${describe(item)}.`, path));
    return undefined;
  }
  const fields: Record<string, unknown> = {};
  const joinFields: Record<string, unknown> = {};
  let lookup: ManagedEntry['lookup'];
  for (const [key, value] of Object.entries(item)) {
    if (value === undefined) continue;
    if (arg.lookupBy.includes(key) && lookup === undefined && value !== null) lookup = { attribute: key, value: lookupValue(key, value) };
    else if (arg.joinAttributes.includes(key)) joinFields[key] = value;
    else if (allowedFields.has(key)) fields[key] = value;
    else if (arg.lookupBy.includes(key)) {
      errors.push(actionError('INVALID_INPUT', `Give one of ${arg.lookupBy.join(', ')} to find the record, not several.`, [...path, key]));
    } else {
      const known = [...arg.lookupBy, ...allowedFields, ...arg.joinAttributes];
      errors.push(actionError('INVALID_INPUT', `Unknown field "${key}" in ${arg.name}; expected one of: ${known.join(', ')}.`, [...path, key]));
    }
  }
  return { path, lookup, fields, joinFields };
}

/** Record ids are UUIDs, compared in lower case everywhere (as top-level ids are): `ID` values may come in either case. */
const lookupValue = (attribute: string, value: unknown): unknown => (attribute === 'id' && typeof value === 'string' ? value.toLowerCase() : value);

const describe = (value: unknown): string => (Array.isArray(value) ? 'a list' : JSON.stringify(value) ?? String(value));
