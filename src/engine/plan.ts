import { eventHash } from '../events/hash';
import type { EventLinkRef, NewEvent, Payload, WriteMetadata } from '../events/types';
import type { Action, OnDestroy, Resource } from '../resource';
import { actionError, notFound, type ActionError } from './errors';
import { evolve } from './evolve';
import { decodeJson, encodeState, type RecordState } from './record';

/** A record the plan refers to that must exist when it runs (e.g. a belongsTo key). */
export interface Reference {
  readonly resource: string;
  readonly id: string;
  readonly path: readonly string[];
}

/** Records pointing at the one a destroy ends, through one relationship, and what becomes of them (its onDestroy). */
export interface Dependents {
  readonly resource: string;
  readonly attribute: string;
  readonly id: string;
  readonly relationship: string;
  readonly onDestroy: OnDestroy;
}

/** One record's change: its events and the state to materialize after them. */
export interface RecordChange {
  readonly resource: Resource;
  readonly recordId: string;
  readonly before: RecordState | null;
  readonly after: RecordState | null;
}

/** A savepoint to store with the event (every `snapshotEvery` versions). */
export interface PlannedSnapshot {
  readonly recordId: string;
  readonly version: number;
  readonly state: Payload;
  readonly hash: string;
  readonly occurredAt: Date;
}

/** What running an action will do; computed without I/O. */
export interface Plan {
  readonly events: readonly NewEvent[];
  readonly links: readonly (EventLinkRef & { readonly eventId: string })[];
  readonly changes: readonly RecordChange[];
  readonly references: readonly Reference[];
  readonly dependents: readonly Dependents[];
  readonly snapshots: readonly PlannedSnapshot[];
}

export interface PlanInput {
  readonly resource: Resource;
  readonly action: Action;
  readonly recordId: string;
  /** The record's current state; null for create (and for a record that does not exist). */
  readonly current: RecordState | null;
  /**
   * Hash of the stream's last event (null for a new stream). Undefined: the
   * caller chains the hashes itself once its plans are final (the event and
   * its snapshot get an empty hash until then).
   */
  readonly previousHash: string | null | undefined;
  /** Typed links the event carries to earlier events. */
  readonly links?: readonly EventLinkRef[];
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
    return { ok: false, errors: [notFound(resource.name, recordId, ['id'])] };
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

  if (action.type === 'custom' && current && action.custom!.validate) {
    const values = decodeJson((name) => action.inputByName.get(name), input.payload);
    const problems = action.custom!.validate(current, values);
    if (problems.length > 0) return { ok: false, errors: problems.map((p) => actionError(p.code, p.message, p.field ? [p.field] : [])) };
  }

  const fields = {
    resource: resource.name,
    recordId,
    version: (current?.version ?? 0) + 1,
    action: action.name,
    payload: input.payload,
    payloadVersion: resource.events.payloadVersion,
    occurredAt: input.now,
  };
  const event: NewEvent = {
    id: input.eventId,
    ...fields,
    actor: input.metadata.actor,
    correlationId: input.metadata.correlationId,
    causationId: input.causationId ?? null,
    hash: input.previousHash === undefined ? '' : eventHash(input.previousHash, fields),
  };
  const after = evolve(resource, current, event);
  const every = resource.events.snapshotEvery;
  const snapshots = after && every > 0 && event.version % every === 0
    ? [{ recordId, version: event.version, state: encodeState(after), hash: event.hash, occurredAt: event.occurredAt }]
    : [];
  const references = action.type === 'custom' ? customReferences(action, input.payload) : referencesOf(resource, input.payload);
  return {
    ok: true,
    plan: {
      events: [event],
      links: (input.links ?? []).map((link) => ({ ...link, eventId: event.id })),
      changes: [{ resource, recordId, before: current, after }],
      references,
      dependents: action.type === 'destroy' ? dependentsOf(resource, recordId) : [],
      snapshots,
    },
  };
}

/** The records a custom action's input names (its `references`), each at the field that names it. */
export function customReferences(action: Action, payload: Payload): Reference[] {
  return (action.custom?.references?.(payload) ?? []).map((r) => ({ resource: r.resource, id: r.id, path: [r.field] }));
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
      ? [{ resource: rel.destination, attribute: rel.destinationAttribute, id, relationship: rel.name, onDestroy: rel.onDestroy }]
      : [],
  );
}
