import { eventHash } from '../events/hash';
import type { NewEvent } from '../events/types';
import { uuidv7 } from '../events/uuidv7';
import type { Action, Resource } from '../resource';
import { castInput } from './cast';

/**
 * A resource row as adopt reads it: `id`, `createdAt` as an ISO string at
 * millisecond precision (what a JS Date, and so an event's occurredAt, can
 * hold), and every non-system attribute with date-times as such ISO strings
 * and uuids and enums as text.
 */
export type AdoptedRow = Readonly<Record<string, unknown>> & { readonly id: string; readonly createdAt: string };

/**
 * The version-1 create event that brings a row under the log: the payload is
 * what `castInput` makes of the row's values for the resource's create action
 * (every attribute it accepts; date-times as ISO strings), occurredAt is the
 * row's createdAt, the hash is the engine's (first of its chain). Refused
 * (with the reason) when the cast refuses a value (the engine would never
 * have written that row), or when the fold of the event would not give the
 * row back (an attribute the create action does not accept holds a value):
 * replay must rebuild exactly the adopted row (test/engine/adopt.test.ts
 * checks it does).
 */
export function adoptionEvent(
  resource: Resource,
  create: Action,
  row: AdoptedRow,
  metadata: { readonly correlationId: string },
): { ok: true; event: NewEvent } | { ok: false; reason: string } {
  const input: Record<string, unknown> = {};
  for (const name of create.accept) input[name] = row[name];
  const cast = castInput(resource, create, input, new Date(row.createdAt));
  if (!cast.ok) return { ok: false, reason: cast.errors.map((e) => e.message).join(' ') };
  const fields = {
    resource: resource.name, recordId: row.id, version: 1, action: create.name, payload: cast.payload,
    payloadVersion: resource.events.payloadVersion, occurredAt: new Date(row.createdAt),
  };
  const event: NewEvent = { id: uuidv7(), ...fields, actor: null, correlationId: metadata.correlationId, causationId: null, hash: eventHash(null, fields) };
  // The fold of a create sets exactly the payload's attributes, which the cast took from the row unchanged
  // (date-times already ISO at millisecond precision, uuids lowercase): only an attribute the action does not
  // accept can come back different (absent, so NULL), and only when the row holds a value there.
  for (const attribute of resource.attributes) {
    if (attribute.system || create.accept.includes(attribute.name)) continue;
    const value = row[attribute.name];
    if (value !== null && value !== undefined) {
      return { ok: false, reason: `column "${attribute.name}" holds ${JSON.stringify(value)}, but the ${create.name} action does not accept "${attribute.name}", so its event cannot give it a value.` };
    }
  }
  return { ok: true, event };
}
