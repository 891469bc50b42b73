import type { NewEvent, Payload, WriteMetadata } from '../events/types';
import type { Action, Resource } from '../resource';
import { actionError, type ActionError } from './errors';
import { evolve } from './evolve';
import type { RecordState } from './record';

/** A record the plan refers to that must exist when it runs (e.g. a belongsTo key). */
export interface Reference {
  readonly resource: string;
  readonly id: string;
  readonly path: readonly string[];
}

/** Records that must not exist for the plan to run (a destroy's dependents). */
export interface Dependents {
  readonly resource: string;
  readonly attribute: string;
  readonly id: string;
  readonly relationship: string;
}

/** One record's change: its events and the state to materialize after them. */
export interface RecordChange {
  readonly resource: Resource;
  readonly recordId: string;
  readonly before: RecordState | null;
  readonly after: RecordState | null;
}

/** What running an action will do; computed without I/O. */
export interface Plan {
  readonly events: readonly NewEvent[];
  readonly changes: readonly RecordChange[];
  readonly references: readonly Reference[];
  readonly dependents: readonly Dependents[];
}

export interface PlanInput {
  readonly resource: Resource;
  readonly action: Action;
  readonly recordId: string;
  /** The record's current state; null for create (and for a record that does not exist). */
  readonly current: RecordState | null;
  readonly payload: Payload;
  readonly expectedVersion?: number | null;
  readonly metadata: WriteMetadata;
  readonly eventId: string;
  readonly now: Date;
  /** The event that caused this one (the root mutation's, for the steps of a nested write). */
  readonly causationId?: string | null;
}

export type PlanResult = { ok: true; plan: Plan } | { ok: false; errors: ActionError[] };

/** Plans one action on one record. Pure: same input, same plan. */
export function planAction(input: PlanInput): PlanResult {
  const { resource, action, current, recordId, expectedVersion } = input;
  if (action.type !== 'create' && !current) {
    return { ok: false, errors: [actionError('NOT_FOUND', `No ${resource.name} with id "${recordId}".`, ['id'])] };
  }
  if (action.type === 'create' && current) {
    return { ok: false, errors: [actionError('CONFLICT', `${resource.name} "${recordId}" already exists.`, ['id'])] };
  }
  if (current && expectedVersion != null && current.version !== expectedVersion) {
    return {
      ok: false,
      errors: [actionError('STALE_RECORD', `${resource.name} "${recordId}" is at version ${current.version}, not the expected ${expectedVersion}; reload it and retry.`, ['expectedVersion'])],
    };
  }

  const event: NewEvent = {
    id: input.eventId,
    resource: resource.name,
    recordId,
    version: (current?.version ?? 0) + 1,
    action: action.name,
    payload: input.payload,
    payloadVersion: 1,
    actor: input.metadata.actor,
    correlationId: input.metadata.correlationId,
    causationId: input.causationId ?? null,
    occurredAt: input.now,
  };
  const after = evolve(resource, current, event);
  return {
    ok: true,
    plan: {
      events: [event],
      changes: [{ resource, recordId, before: current, after }],
      references: referencesOf(resource, input.payload),
      dependents: action.type === 'destroy' ? dependentsOf(resource, recordId) : [],
    },
  };
}

function referencesOf(resource: Resource, payload: Payload): Reference[] {
  const references: Reference[] = [];
  for (const rel of resource.relationships) {
    if (rel.kind !== 'belongsTo') continue;
    const id = payload[rel.sourceAttribute];
    if (typeof id === 'string') references.push({ resource: rel.destination, id, path: [rel.sourceAttribute] });
  }
  return references;
}

function dependentsOf(resource: Resource, id: string): Dependents[] {
  return resource.relationships.flatMap((rel) =>
    rel.kind === 'hasMany' || rel.kind === 'hasOne'
      ? [{ resource: rel.destination, attribute: rel.destinationAttribute, id, relationship: rel.name }]
      : [],
  );
}
