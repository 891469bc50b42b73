import type { NewEvent } from '../events/types';
import type { Resource } from '../resource';
import { decodePayload, type RecordState } from './record';

/**
 * The fold: the state of a record after `event`, given the state before it.
 * Pure; the live write path and replay both use it, so they cannot disagree.
 *
 * create sets every attribute from the payload; update overwrites the
 * attributes in its payload; destroy ends the record (null).
 */
export function evolve(resource: Resource, state: RecordState | null, event: NewEvent): RecordState | null {
  const actionType = resource.actionByName.get(event.action)?.type;
  if (!actionType) throw new Error(`${resource.name} has no action "${event.action}" (event ${event.id}).`);
  const values = decodePayload(resource, event.payload);
  switch (actionType) {
    case 'create':
      return { ...values, id: event.recordId, version: event.version, createdAt: event.occurredAt, updatedAt: event.occurredAt };
    case 'update':
      if (!state) throw new Error(`Event ${event.id} updates ${resource.name} ${event.recordId}, which does not exist.`);
      return { ...state, ...values, version: event.version, updatedAt: event.occurredAt };
    case 'destroy':
      return null;
  }
}
