import type { Client } from '../db/delegate';
import { uniqueViolationFields } from '../db/unique-violation';
import { appendEvents, writeSnapshot } from '../events/store';
import { uuidv7 } from '../events/uuidv7';
import type { EventLinkRef, WriteMetadata } from '../events/types';
import type { Action, Domain, KeyedRelationship, ManagedArgument, Resource, Via } from '../resource';
import { authorizeAction } from './action-policy';
import { TRUSTED, type Authorization } from './authorization';
import { castInput } from './cast';
import { changingFields } from './changing';
import { loadRecordForWrite } from './fold';
import { blockingDependents, missingLinkTargets, missingReferences } from './checks';
import { ActionFailed, actionError, uniqueConflict, type ActionError } from './errors';
import { actionOfType, allowedFields, managedOperations } from './managed/allowed-fields';
import { malformedLookups, managedEntries } from './managed/entries';
import { planManaged, type ManagedPlan, type ManagedStep } from './managed/plan-managed';
import { readManagedState } from './managed/related-state';
import { brokenInvariants } from './invariants';
import { materialize } from './materialize';
import { customReferences, planAction, type RecordChange } from './plan';
import type { RecordState } from './record';
import { actorKeys, explainActorKey } from './relate-actor';

/** One write transaction: every action it runs, the root's and its nested steps'. */
export interface WriteSession {
  readonly tx: Client;
  readonly domain: Domain;
  readonly metadata: WriteMetadata;
  readonly authorization: Authorization;
  /**
   * The acting person (a signed-in actor's id), whether or not policies are
   * enforced: `relateActor` keys are set from it. Null for services, anonymous
   * requests and the engine's own callers (seeding, replay).
   */
  readonly actorId: string | null;
  readonly now: Date;
  /** The root action's event id, minted when the root starts (before its belongsTo steps); every other event is caused by it. */
  rootEventId: string | null;
  /** Events appended so far. */
  events: number;
}

export interface ActionStep {
  readonly resource: string;
  readonly action: string;
  /** The record to act on; for a create, the id to give it (minted when absent). */
  readonly id?: string;
  /** Client input: accepted attributes and managed arguments. */
  readonly input: Readonly<Record<string, unknown>>;
  /** Keys the framework sets (a child's foreign key, join keys, a belongsTo chosen by a managed argument). */
  readonly frameworkInput?: Readonly<Record<string, unknown>>;
  readonly expectedVersion?: number | null;
  /** Typed links the action's event carries (checked by the caller). */
  readonly links?: readonly EventLinkRef[];
  /** The managed argument's resource and relationship when this is a nested step (policies see it). */
  readonly via?: Via;
}


/**
 * Runs one action inside the session's transaction, with its managed
 * arguments: each is planned against the records related now (pure
 * `planManaged`), belongsTo steps run before the record's own write (they
 * choose its key), the other steps after it, each as the destination's own
 * action (recursively, so nested creates manage their relationships too).
 * Every event shares the request's correlation id and is caused by the root
 * action's event. Errors are thrown as `ActionFailed` with paths from the root
 * input (`path` is where this action's input sits in it); the caller's
 * transaction then rolls everything back.
 */
export async function executeAction(session: WriteSession, step: ActionStep, path: readonly string[]): Promise<RecordState> {
  const fail = (errors: readonly ActionError[]): never => {
    throw new ActionFailed(errors.map((e) => ({ ...e, path: [...path, ...e.path] })));
  };
  const resource = session.domain.resource(step.resource);
  const action = resource.actionByName.get(step.action);
  if (!action) throw new Error(`${resource.name} has no action "${step.action}".`);
  const recordId = action.type === 'create' ? (step.id ?? uuidv7()) : step.id!;
  const eventId = uuidv7();
  session.rootEventId ??= eventId;
  const causationId = session.rootEventId === eventId ? null : session.rootEventId;
  // The state is the fold of the record's events (from its latest snapshot), not the materialized row;
  // without an expected version, after locking the record's stream head (writers of one record take turns).
  const head = action.type === 'create' ? { state: null, hash: null } : await loadRecordForWrite(session.tx, resource, recordId, step.expectedVersion);
  const current = head.state;
  const denied = await authorizeAction(session.tx, session.authorization, {
    resource, action, recordId, input: step.input, current, via: step.via ?? null, root: path.length === 0,
    changing: changingFields(resource, action, step.input, current),
  });
  if (denied.length > 0) fail(denied);

  const { plain, managed } = splitInput(action, step.input);
  const before: [ManagedStep, Via][] = [];
  const after: [ManagedStep, Via][] = [];
  const fromActor = action.type === 'create' ? actorKeys(action, session.actorId, { ...step.input, ...step.frameworkInput }) : {};
  const keys: Record<string, unknown> = { ...step.frameworkInput, ...fromActor };
  const errors: ActionError[] = [];
  const unset = new Set<string>();
  if (current || action.type === 'create') {
    for (const arg of action.arguments) {
      if (!(arg.name in managed)) continue;
      const planned = await planArgument(session, resource, arg, managed[arg.name], current, recordId);
      if (!planned.ok) {
        errors.push(...planned.errors);
        // The key this argument would have set is missing because of those errors; do not report it again.
        const rel = resource.relationshipByName.get(arg.relationship)!;
        if (rel.kind === 'belongsTo') unset.add(rel.sourceAttribute);
        continue;
      }
      // An action may accept a belongsTo key and manage the relationship too; one request gives one of them.
      for (const key of Object.keys(planned.plan.parentInput)) {
        if (plain[key] !== undefined) errors.push(actionError('INVALID_INPUT', `Give "${key}" or "${arg.name}", not both.`, [arg.name]));
      }
      const via = { resource: resource.name, relationship: arg.relationship };
      before.push(...planned.plan.before.map((s): [ManagedStep, Via] => [s, via]));
      Object.assign(keys, planned.plan.parentInput);
      after.push(...planned.plan.after.map((s): [ManagedStep, Via] => [s, via]));
    }
  }
  const withKeys: Action = { ...action, accept: [...new Set([...action.accept, ...Object.keys(keys)])] };
  const cast = castInput(resource, withKeys, { ...plain, ...keys });
  if (!cast.ok) errors.push(...cast.errors.filter((e) => !unset.has(e.path[0]!)));
  if (errors.length > 0 || !cast.ok) return fail(errors);

  // A custom action's references are checked before its `validate`: a record the actor may not read is NOT_FOUND,
  // whatever validate would say of it (a CONFLICT "already related" would confirm that it exists).
  const referenced = action.type === 'custom' && current ? customReferences(action, cast.payload) : [];
  const hidden = await missingReferences(session.tx, session.domain, referenced, session.authorization);
  if (hidden.length > 0) fail(hidden);

  for (const [managedStep, via] of before) await runManagedStep(session, managedStep, via, path);

  const planned = planAction({
    resource, action, recordId, current, previousHash: head.hash, payload: cast.payload, expectedVersion: step.expectedVersion,
    metadata: session.metadata, eventId, now: session.now, causationId, links: step.links,
  });
  if (!planned.ok) return fail(planned.errors);
  const { plan } = planned;
  // Keys the client gave must name records the actor may read (a custom action's were checked above); keys the framework set were found by it.
  const clientKeys = action.type === 'custom' ? [] : plan.references.filter((r) => !(r.path[0]! in keys));
  const frameworkKeys = plan.references.filter((r) => r.path[0]! in keys);
  const problems = [
    ...(await missingReferences(session.tx, session.domain, clientKeys, session.authorization)),
    ...explainActorKey(resource, action, fromActor, await missingReferences(session.tx, session.domain, frameworkKeys, TRUSTED)),
    ...(await blockingDependents(session.tx, session.domain, resource.name, plan.dependents)),
    ...(await missingLinkTargets(session.tx, session.domain, step.links ?? [], session.authorization)),
  ];
  if (problems.length > 0) fail(problems);
  await appendEvents(session.tx, plan.events, plan.links);
  for (const snapshot of plan.snapshots) await writeSnapshot(session.tx, resource.name, snapshot.recordId, snapshot);
  for (const change of plan.changes) {
    try {
      await materialize(session.tx, change);
    } catch (error) {
      fail(conflictOf(error, change));
    }
  }
  session.events += plan.events.length;

  for (const [managedStep, via] of after) await runManagedStep(session, managedStep, via, path);
  const broken = await brokenInvariants(session.tx, resource, recordId, { ...step.input, ...keys });
  if (broken.length > 0) fail(broken);
  const change = plan.changes[0]!;
  // A change always has a state on one side: create and update have `after`, destroy has `before`.
  return (change.after ?? change.before)!;
}

/** Plans one managed argument: its entries, checked, against the records related now and those its keys name. */
async function planArgument(
  session: WriteSession,
  resource: Resource,
  arg: ManagedArgument,
  value: unknown,
  current: RecordState | null,
  recordId: string,
): Promise<{ ok: true; plan: ManagedPlan } | { ok: false; errors: readonly ActionError[] }> {
  const rel = resource.relationshipByName.get(arg.relationship) as KeyedRelationship;
  const destination = session.domain.resource(rel.destination);
  const many = rel.kind === 'hasMany' || rel.kind === 'manyToMany';
  const entries = managedEntries(arg, many, value, allowedFields(managedOperations(session.domain, rel, arg)));
  if (!entries.ok) return entries;
  if (!entries.given) return { ok: true, plan: { before: [], parentInput: {}, after: [] } };
  const malformed = malformedLookups(entries.entries, destination);
  if (malformed.length > 0) return { ok: false, errors: malformed };
  const state = await readManagedState(session.tx, session.domain, rel, current, entries.entries, session.authorization.readWhere(destination));
  return planManaged({ arg, rel, destination, parentId: recordId, entries: entries.entries, state, newId: uuidv7 });
}

/** Separates managed argument values from the attributes the action casts. */
function splitInput(action: Action, input: Readonly<Record<string, unknown>>) {
  const names = new Set(action.arguments.map((a) => a.name));
  const plain: Record<string, unknown> = {};
  const managed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) (names.has(key) ? managed : plain)[key] = value;
  return { plain, managed };
}

/** A planned step, run as the destination resource's action of the step's type. */
async function runManagedStep(session: WriteSession, step: ManagedStep, via: Via, path: readonly string[]): Promise<void> {
  const resource = session.domain.resource(step.resource);
  const action = actionOfType(resource, step.op);
  if (!action) throw new Error(`${resource.name} has no ${step.op} action to run a managed step with.`);
  // The keys that tie the step to its parent are the framework's (not read-checked as client keys are).
  const linkKeys = new Set(linkAttributes(session.domain.resource(via.resource).relationshipByName.get(via.relationship) as KeyedRelationship, resource.name));
  const clientFields = new Set([...action.accept, ...action.arguments.map((a) => a.name)]);
  const input: Record<string, unknown> = {};
  const frameworkInput: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(step.op === 'destroy' ? {} : step.input)) {
    (clientFields.has(key) && !linkKeys.has(key) ? input : frameworkInput)[key] = value;
  }
  await executeAction(session, { resource: resource.name, action: action.name, id: step.id, input, frameworkInput, via }, [...path, ...step.path]);
}

/** The attributes by which a step's record (of resource `stepResource`) is tied to the parent: a child's key, a join record's keys. */
function linkAttributes(rel: KeyedRelationship, stepResource: string): string[] {
  switch (rel.kind) {
    case 'belongsTo':
      return [];
    case 'hasOne':
    case 'hasMany':
      return stepResource === rel.destination ? [rel.destinationAttribute] : [];
    case 'manyToMany':
      return stepResource === rel.through ? [rel.sourceAttributeOnJoinResource, rel.destinationAttributeOnJoinResource] : [];
  }
}

/** A unique constraint the write breaks (e.g. a taken email) is a CONFLICT on those fields; anything else is rethrown. */
function conflictOf(error: unknown, change: RecordChange): ActionError[] {
  const fields = uniqueViolationFields(error);
  if (!fields) throw error;
  return [uniqueConflict(change.resource.name, fields)];
}
