import type { Payload } from '../events/types';
import type { Resource } from '../resource';

/** Current state of one record: system fields plus attribute values, as materialized. */
export type RecordState = {
  readonly id: string;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly [attribute: string]: unknown;
};

/**
 * Decodes attribute values carried in an event payload (JSON) into record
 * values: date-times travel as ISO strings and live as `Date`s.
 */
export function decodePayload(resource: Resource, payload: Payload): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(payload)) {
    const attribute = resource.attributeByName.get(name);
    values[name] = attribute?.type === 'datetime' && typeof value === 'string' ? new Date(value) : value;
  }
  return values;
}
