import type { Payload } from '../events/types';
import type { Attribute, Resource } from '../resource';

/** State of one record: system fields, attribute values and virtual fields (the fold of its events). */
export type RecordState = {
  readonly id: string;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly [field: string]: unknown;
};

/**
 * Decodes values carried as JSON (an event payload, a snapshot) into state
 * values: date-times travel as ISO strings and live as `Date`s. `fieldOf`
 * types the fields (a resource's attributes, or a custom action's input).
 */
export function decodeJson(fieldOf: (name: string) => Attribute | undefined, json: Payload): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(json)) {
    values[name] = fieldOf(name)?.type === 'datetime' && typeof value === 'string' ? new Date(value) : value;
  }
  return values;
}

/** Decodes a payload of the resource's attributes. */
export const decodePayload = (resource: Resource, payload: Payload): Record<string, unknown> =>
  decodeJson((name) => resource.attributeByName.get(name), payload);

/** A state as JSON (a snapshot): dates become ISO strings. */
export const encodeState = (state: RecordState): Payload => JSON.parse(JSON.stringify(state)) as Payload;
