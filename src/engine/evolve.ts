import type { NewEvent, Payload } from '../events/types';
import type { Resource } from '../resource';
import { decodeJson, decodePayload, type RecordState } from './record';

/**
 * The fold: the state of a record after `event`, given the state before it.
 * Pure; the live write path, time travel and replay all use it, so they
 * cannot disagree.
 *
 * The payload is first upcast to the resource's current payload version.
 * create sets every attribute from the payload and the virtual fields'
 * defaults; update overwrites the attributes in its payload; a custom action
 * applies its own `change`; destroy ends the record (null).
 */
export function evolve(resource: Resource, state: RecordState | null, event: NewEvent): RecordState | null {
  const action = resource.actionByName.get(event.action);
  if (!action) throw new Error(`${resource.name} has no action "${event.action}" (event ${event.id}).`);
  const payload = upcast(resource, event.payload, event.payloadVersion);
  if (action.type !== 'create' && action.type !== 'destroy' && !state) {
    throw new Error(`Event ${event.id} (${action.name}) changes ${resource.name} ${event.recordId}, which does not exist.`);
  }
  switch (action.type) {
    case 'create': {
      const virtual = Object.fromEntries(resource.virtualFields.map((f) => [f.name, f.default()]));
      return { ...virtual, ...decodePayload(resource, payload), id: event.recordId, version: event.version, createdAt: event.occurredAt, updatedAt: event.occurredAt };
    }
    case 'update':
      return { ...state!, ...decodePayload(resource, payload), version: event.version, updatedAt: event.occurredAt };
    case 'custom': {
      const input = decodeJson((name) => action.inputByName.get(name), payload);
      const changed = action.custom!.change(state!, input, { id: event.id, occurredAt: event.occurredAt });
      return { ...state!, ...changed, id: state!.id, version: event.version, createdAt: state!.createdAt, updatedAt: event.occurredAt };
    }
    case 'destroy':
      return null;
  }
}

/** A payload in the resource's current version: each upcaster from the event's version on, in order. */
export function upcast(resource: Resource, payload: Payload, version: number): Payload {
  const current = resource.events.payloadVersion;
  if (version > current) throw new Error(`${resource.name} payload version ${version} is newer than this code's ${current}.`);
  let result: Record<string, unknown> = payload;
  for (let from = version; from < current; from++) result = resource.events.upcasters.get(from)!(result);
  return result as Payload;
}
