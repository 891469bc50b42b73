import type { Action, Attribute, Resource } from '../resource';
import { stableJson } from '../util/stable-json';
import type { RecordState } from './record';

/**
 * What an action's client input changes (ActionPolicyContext.changing): the
 * managed arguments it gives (present, even as null or []), and the fields it
 * sets: every one given for a create or a custom action (there is no value
 * to compare with), for an update only those whose value differs from the
 * current record's. `input` is the client's alone: keys the framework sets
 * (a nested child's key, relateActor) change nothing the client asked for.
 * A value that would fail the cast counts as a change (the cast refuses it later).
 */
export function changingFields(resource: Resource, action: Action, input: Readonly<Record<string, unknown>>, current: RecordState | null): ReadonlySet<string> {
  const managed = new Set(action.arguments.map((a) => a.name));
  const changing = new Set<string>();
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (managed.has(field) || action.type !== 'update' || current === null) {
      changing.add(field);
      continue;
    }
    const attribute = resource.attributeByName.get(field);
    if (!attribute || comparable(attribute, value) !== comparable(attribute, current[field] ?? null)) changing.add(field);
  }
  return changing;
}

/** A value as a string that equal values share (dates by instant, UUIDs in lower case, JSON by its sorted form). */
function comparable(attribute: Attribute, value: unknown): string {
  if (value === null) return 'null';
  if (attribute.type === 'datetime' && (typeof value === 'string' || value instanceof Date)) {
    const time = new Date(value).getTime();
    return Number.isNaN(time) ? `invalid ${String(value)}` : `time ${time}`;
  }
  if (attribute.type === 'uuid' && typeof value === 'string') return stableJson(value.toLowerCase());
  return stableJson(value);
}
