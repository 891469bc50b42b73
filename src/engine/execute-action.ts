import type { Client } from '../db/delegate';
import { uniqueViolationFields } from '../db/unique-violation';
import { foreignKeyViolation } from '../db/foreign-key-violation';
import { writeSnapshot } from '../events/store';
import { uuidv7 } from '../events/uuidv7';
import type { EventLinkRef, WriteMetadata } from '../events/types';
import type { Action, Domain, KeyedRelationship, ManagedArgument, Resource, Via } from '../resource';
import { authorizeAction } from './action-policy';
import { TRUSTED, type Authorization } from './authorization';
import { applyOnDestroy } from './cascade';
import { castInput } from './cast';
import { changingFields } from './changing';
import { loadRecordForWrite } from './fold';
import type { PendingEvents } from './pending-events';
import type { PendingRows } from './pending-rows';
import { blockingDependents, missingLinkTargets, missingReferences } from './checks';
import { ActionFailed, actionError, notFound, uniqueConflict, type ActionError } from './errors';
import { orderErrors } from './error-order';
import { actionOfType, allowedFields, managedOperations } from './managed/allowed-fields';
import { malformedLookups, managedEntries } from './managed/entries';
import { planManaged, type ManagedPlan, type ManagedStep, type RelatedRecord } from './managed/plan-managed';
import { relatedAfter } from './managed/related-after';
import { readManagedState } from './managed/related-state';
import { brokenInvariants, triggeredInvariants } from './invariants';
import { materialize, ownedRows } from './materialize';
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
  /** Events decided so far (appended by `pending.flush`, at the end of each root action). */
  events: number;
  /** The events decided but not yet appended, and the records this write has written. */
  readonly pending: PendingEvents;
  /** New rows of plain creates held back to be written per model (see PendingRows). */
  readonly rows: PendingRows;
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
 * The errors of one request, collected across the root action and every
 * nested step (as Ash reports all of a changeset's errors, its nested
 * changesets' included), and the records it was to create but did not write.
 */
interface Collected {
  readonly errors: ActionError[];
  /** Ids of creates that were not written (only checked): keys to them are not looked up. */
  readonly unwritten: Set<string>;
}

/** The transaction cannot go on (a statement failed in the database): the errors collected so far are the answer. */
class TransactionAborted extends Error {}

/**
 * Runs one action inside the session's transaction, with its managed
 * arguments (see `runStep`). Every error it and its nested steps meet is
 * thrown together as `ActionFailed`, in input order (`orderErrors`), with
 * paths from the root input (`path` is where this action's input sits in it);
 * the caller's transaction then rolls everything back.
 */
export async function executeAction(session: WriteSession, step: ActionStep, path: readonly string[]): Promise<RecordState> {
  const collected: Collected = { errors: [], unwritten: new Set() };
  let record: RecordState | null = null;
  try {
    record = await runStep(session, collected, step, path);
  } catch (error) {
    if (!(error instanceof TransactionAborted)) throw error;
  }
  if (collected.errors.length > 0) throw new ActionFailed(orderErrors(collected.errors, step.input, path));
  if (!record) throw new Error(`${step.resource}.${step.action} wrote nothing and reported no error.`);
  return record;
}

/**
 * One action with its managed arguments. The arguments are planned in the
 * action's declaration order (pure `planManaged`), each against the records
 * related after the arguments before it on the same relationship
 * (`relatedAfter`: `addMembers: [C], removeMembers: [C]` adds C, then removes
 * it). belongsTo steps run before the record's own write (they choose its
 * key), the other steps after it, each as the destination's own action
 * (recursively, so nested creates manage their relationships too). Every
 * event shares the request's correlation id and is caused by the root
 * action's event.
 *
 * Errors are collected, not thrown: every argument and entry is planned and
 * every step checked, at every depth. While none is collected, steps write;
 * after the first, the remaining ones are only checked (authorization, input,
 * lookups, validation, the references the client gives), without what needs
 * writes that did not happen (keys to records not created, a destroy's
 * dependents, invariants); the transaction is rolled back in the end. A
 * refusal of the action itself (NOT_FOUND, FORBIDDEN) ends its branch, and a
 * write the database refuses (a unique key: CONFLICT) ends the request.
 * Returns the record written, or null.
 */
async function runStep(session: WriteSession, collected: Collected, step: ActionStep, path: readonly string[]): Promise<RecordState | null> {
  /** Collects `errors` (paths relative to this action's input); true when there were any. */
  const report = (errors: readonly ActionError[]): boolean => {
    collected.errors.push(...errors.map((e) => ({ ...e, path: [...path, ...e.path] })));
    return errors.length > 0;
  };
  const writing = () => collected.errors.length === 0;
  const resource = session.domain.resource(step.resource);
  const action = resource.actionByName.get(step.action);
  if (!action) throw new Error(`${resource.name} has no action "${step.action}".`);
  /** Writes the rows held back so far (PendingRows) before anything reads or writes rows again. */
  const flushRows = async (): Promise<void> => {
    const refused = await session.rows.flush(session.tx);
    if (refused.length === 0) return;
    collected.errors.push(...refused);
    throw new TransactionAborted();
  };
  // A plain create (no nested arguments, no links) reads no rows: its row may be held back with its siblings'.
  const plainCreate = action.type === 'create' && action.arguments.every((a) => step.input[a.name] === undefined) && !step.links?.length;
  if (!plainCreate) await flushRows();
  const recordId = action.type === 'create' ? (step.id ?? uuidv7()) : step.id!;
  const eventId = uuidv7();
  session.rootEventId ??= eventId;
  const causationId = session.rootEventId === eventId ? null : session.rootEventId;
  // The state is the fold of the record's events (from its latest snapshot), not the materialized row;
  // without an expected version, after locking the record's stream head (writers of one record take turns).
  // A record this write already changed is as the write left it (its events are not in the log yet).
  const head = action.type === 'create'
    ? { state: null, hash: null }
    : session.pending.written(resource.name, recordId) ?? await loadRecordForWrite(session.tx, resource, recordId, step.expectedVersion);
  const current = head.state;
  const denied = await authorizeAction(session.tx, session.authorization, {
    resource, action, recordId, input: step.input, current, via: step.via ?? null, root: path.length === 0,
    changing: changingFields(resource, action, step.input, current),
  });
  if (report(denied)) {
    if (action.type === 'create') collected.unwritten.add(recordId);
    return null;
  }

  const { plain, managed } = splitInput(action, step.input);
  const before: [ManagedStep, Via][] = [];
  const after: [ManagedStep, Via][] = [];
  const fromActor = action.type === 'create' ? actorKeys(action, session.actorId, { ...step.input, ...step.frameworkInput }) : {};
  const keys: Record<string, unknown> = { ...step.frameworkInput, ...fromActor };
  const unset = new Set<string>();
  if (current || action.type === 'create') {
    // Per relationship, the records related after the arguments planned so far.
    const related = new Map<string, readonly RelatedRecord[]>();
    for (const arg of action.arguments) {
      if (!(arg.name in managed)) continue;
      const planned = await planArgument(session, resource, arg, managed[arg.name], current, recordId, related.get(arg.relationship));
      report(planned.errors);
      const rel = resource.relationshipByName.get(arg.relationship)!;
      // The key this argument would have set is missing because of its errors; do not report it again.
      if (rel.kind === 'belongsTo' && planned.errors.length > 0 && !(rel.sourceAttribute in (planned.plan?.parentInput ?? {}))) unset.add(rel.sourceAttribute);
      if (!planned.plan) continue;
      if (planned.related) related.set(arg.relationship, planned.related);
      // An action may accept a belongsTo key and manage the relationship too; one request gives one of them.
      for (const key of Object.keys(planned.plan.parentInput)) {
        if (plain[key] !== undefined) report([actionError('INVALID_INPUT', `Give "${key}" or "${arg.name}", not both.`, [arg.name])]);
      }
      const via = { resource: resource.name, relationship: arg.relationship };
      before.push(...planned.plan.before.map((s): [ManagedStep, Via] => [s, via]));
      Object.assign(keys, planned.plan.parentInput);
      after.push(...planned.plan.after.map((s): [ManagedStep, Via] => [s, via]));
    }
  }
  const withKeys: Action = { ...action, accept: [...new Set([...action.accept, ...Object.keys(keys)])] };
  const cast = castInput(resource, withKeys, { ...plain, ...keys });
  if (!cast.ok) report(cast.errors.filter((e) => !unset.has(e.path[0]!)));

  // A custom action's references are checked before its `validate`: a record the actor may not read is NOT_FOUND,
  // whatever validate would say of it (a CONFLICT "already related" would confirm that it exists).
  const referenced = cast.ok && action.type === 'custom' && current ? customReferences(action, cast.payload) : [];
  const hidden = report(await missingReferences(session.tx, session.domain, referenced, session.authorization));

  for (const [managedStep, via] of before) await runManagedStep(session, collected, managedStep, via, path);

  let record: RecordState | null = null;
  if (cast.ok && !hidden) record = await write();
  if (!record && action.type === 'create') collected.unwritten.add(recordId);

  for (const [managedStep, via] of after) await runManagedStep(session, collected, managedStep, via, path);
  // The invariants hold on the complete result; with an error collected, some step did not run.
  if (record && writing() && triggeredInvariants(resource, { ...step.input, ...keys }).length > 0) {
    await flushRows();
    report(await brokenInvariants(session.tx, resource, recordId, { ...step.input, ...keys }));
  }
  return record;

  /** Plans the record's own change and checks it; writes it while no error is collected. The record written, or null. */
  async function write(): Promise<RecordState | null> {
    const planned = planAction({
      resource, action: action!, recordId, current, previousHash: head.hash, payload: cast.ok ? cast.payload : {}, expectedVersion: step.expectedVersion,
      metadata: session.metadata, eventId, now: session.now, causationId, links: step.links,
    });
    if (!planned.ok) return (report(planned.errors), null);
    const { plan } = planned;
    // Keys the client gave must name records the actor may read (a custom action's were checked above); keys the framework set were found by it.
    const clientKeys = action!.type === 'custom' ? [] : plan.references.filter((r) => !(r.path[0]! in keys));
    // Keys the framework set to records it found or created (a child's key to its new parent, join keys, a
    // looked-up belongsTo) are not looked up again: the foreign key catches a record gone meanwhile (conflictOf:
    // NOT_FOUND at the key). A relateActor key is, since a signed-in id need not name a record at all.
    const frameworkKeys = plan.references.filter((r) => r.path[0]! in fromActor && !collected.unwritten.has(r.id));
    if (clientKeys.length > 0 || frameworkKeys.length > 0) await flushRows();
    const problems = [
      ...(await missingReferences(session.tx, session.domain, clientKeys, session.authorization)),
      ...explainActorKey(resource, action!, fromActor, await missingReferences(session.tx, session.domain, frameworkKeys, TRUSTED)),
      // Only checking, the dependents may be ones that earlier steps (not run) would have removed.
      ...(writing() ? await blockingDependents(session.tx, session.domain, resource.name, plan.dependents) : []),
      ...(await missingLinkTargets(session.tx, session.domain, step.links ?? [], session.authorization)),
    ];
    if (report(problems) || !writing()) return null;
    const last = plan.events.at(-1)!;
    session.pending.add(plan.events, plan.links, { resource: resource.name, recordId, state: plan.changes[0]!.after, version: last.version, hash: last.hash });
    for (const snapshot of plan.snapshots) await writeSnapshot(session.tx, resource.name, snapshot.recordId, snapshot);
    // A destroy's cascades and nullifies (cascade.ts) go before its row: their rows point at it.
    if (action!.type === 'destroy') await applyOnDestroy(session, resource, recordId, plan.dependents, path, executeAction);
    for (const change of plan.changes) {
      if (plainCreate && plan.snapshots.length === 0 && holdsBack(change)) {
        session.rows.add(resource, change.after!, path);
        continue;
      }
      await flushRows();
      try {
        await materialize(session.tx, change);
      } catch (error) {
        // The database refused the statement: the transaction can run nothing more.
        report(conflictOf(error, change));
        throw new TransactionAborted();
      }
    }
    session.events += plan.events.length;
    const change = plan.changes[0]!;
    // A change always has a state on one side: create and update have `after`, destroy has `before`.
    return (change.after ?? change.before)!;
  }
}

/**
 * Plans one managed argument: its entries, checked, against the records
 * related now (`known`: as the arguments before it left them) and those its
 * keys name. `plan` holds the steps of the entries that planned (absent when
 * the input itself is malformed); `related` the records related after them.
 */
async function planArgument(
  session: WriteSession,
  resource: Resource,
  arg: ManagedArgument,
  value: unknown,
  current: RecordState | null,
  recordId: string,
  known: readonly RelatedRecord[] | undefined,
): Promise<{ errors: readonly ActionError[]; plan?: ManagedPlan; related?: RelatedRecord[] }> {
  const rel = resource.relationshipByName.get(arg.relationship) as KeyedRelationship;
  const destination = session.domain.resource(rel.destination);
  const many = rel.kind === 'hasMany' || rel.kind === 'manyToMany';
  const entries = managedEntries(arg, many, value, allowedFields(managedOperations(session.domain, rel, arg)));
  if (!entries.ok) return { errors: entries.errors };
  if (!entries.given) return { errors: [] };
  const malformed = malformedLookups(entries.entries, destination);
  if (malformed.length > 0) return { errors: malformed };
  const state = await readManagedState(session.tx, session.domain, rel, current, entries.entries, session.authorization.readWhere(destination), known);
  const planned = planManaged({ arg, rel, destination, parentId: recordId, entries: entries.entries, state, newId: uuidv7 });
  return { errors: planned.ok ? [] : planned.errors, plan: planned.plan, related: relatedAfter(rel, recordId, state, planned.plan) };
}

/** Separates managed argument values from the attributes the action casts. */
function splitInput(action: Action, input: Readonly<Record<string, unknown>>) {
  const names = new Set(action.arguments.map((a) => a.name));
  const plain: Record<string, unknown> = {};
  const managed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) (names.has(key) ? managed : plain)[key] = value;
  return { plain, managed };
}

/** A planned step, run as the destination resource's action of the step's type (its errors are collected). */
async function runManagedStep(session: WriteSession, collected: Collected, step: ManagedStep, via: Via, path: readonly string[]): Promise<void> {
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
  await runStep(session, collected, { resource: resource.name, action: action.name, id: step.id, input, frameworkInput, via }, [...path, ...step.path]);
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
  if (fields) return [uniqueConflict(change.resource.name, fields)];
  // A race with a concurrent write that the checks before could not see: the referenced row went
  // (NOT_FOUND at the key, as if it had been missing all along), or a new row points at this one.
  const foreignKey = foreignKeyViolation(error);
  if (!foreignKey) throw error;
  if (foreignKey.stillReferenced) {
    return [actionError('CONFLICT', `${change.resource.name} "${change.recordId}" is still referenced by a record written meanwhile; retry.`, [])];
  }
  const field = foreignKey.fields[0];
  const rel = change.resource.relationships.find((r) => r.kind === 'belongsTo' && r.sourceAttribute === field) as KeyedRelationship | undefined;
  const id = field ? String(change.after?.[field] ?? '') : '';
  return [rel ? notFound(rel.destination, id, [field!]) : actionError('NOT_FOUND', `A record ${change.resource.name} refers to no longer exists; retry.`, field ? [field] : [])];
}

/** A new row that may wait for its siblings: a create whose record owns no rows in other tables (those need its row first). */
function holdsBack(change: RecordChange): boolean {
  if (change.before !== null || change.after === null) return false;
  return [...ownedRows(change.resource, change.recordId, change.after).values()].every((rows) => rows.length === 0);
}
