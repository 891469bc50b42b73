import type { EventLinkRef } from '../../events/types';
import type { Action, KeyedRelationship, ManagedArgument, Resource, Via } from '../../resource';
import { TRUSTED, type Authorization } from '../authorization';
import { castInput } from '../cast';
import { changingFields } from '../changing';
import { actionError, notFound, type ActionError } from '../errors';
import { triggeredInvariants } from '../invariants';
import { actionOfType, allowedFields, managedOperations } from '../managed/allowed-fields';
import { malformedLookups, managedEntries } from '../managed/entries';
import { lookupKey, planManaged, type ManagedPlan, type ManagedStep, type RelatedRecord } from '../managed/plan-managed';
import { relatedAfter } from '../managed/related-after';
import { customReferences, planAction, type Dependents, type Reference } from '../plan';
import type { RecordState } from '../record';
import { actorKeys, explainActorKey } from '../relate-actor';
import { authorize } from './authorize';
import { PENDING, type EventFact, type Pending } from './facts';
import { NEW_STREAM, type Round } from './round';

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
  /**
   * When a root action happened, for a trusted caller that writes a history
   * of its own (the demo seed); default: the unit of work's one clock reading.
   * Its nested steps happen at the same time.
   */
  readonly occurredAt?: Date;
  /** The managed argument's resource and relationship when this is a nested step (policies see it). */
  readonly via?: Via;
}

/**
 * The errors of one root action, collected across it and every nested step
 * (as Ash reports all of a changeset's errors, its nested changesets'
 * included), and the records it was to create but did not.
 */
export interface Collected {
  readonly errors: ActionError[];
  /** Ids of creates that were not decided (only checked): keys to them are not checked. */
  readonly unwritten: Set<string>;
}

/**
 * Decides one action with its managed arguments (pure, over the round's
 * facts). The arguments are planned in the action's declaration order, each
 * against the records related after the arguments before it on the same
 * relationship (`addMembers: [C], removeMembers: [C]` adds C, then removes
 * it). belongsTo steps are decided before the record's own change (they
 * choose its key), the other steps after it, each as the destination's own
 * action (so nested creates manage their relationships too). Every event
 * shares the request's correlation id and is caused by the root action's.
 *
 * Errors are collected, not thrown: every argument and entry is planned and
 * every step checked, at every depth. While none is collected, steps are
 * decided; after the first, the remaining ones are only checked
 * (authorization, input, lookups, validation, the references the client
 * gives), without what depends on decisions not made (keys to records not
 * created, a destroy's dependents, invariants). A refusal of the action
 * itself (NOT_FOUND, FORBIDDEN) ends its branch. Returns the record as the
 * action leaves it, or null.
 */
export function decideStep(round: Round, collected: Collected, step: ActionStep, path: readonly string[]): RecordState | null {
  const { domain, authorization } = round.input;
  /** Collects `errors` (paths relative to this action's input); true when there were any. */
  const report = (errors: readonly ActionError[]): boolean => {
    collected.errors.push(...errors.map((e) => ({ ...e, path: [...path, ...e.path] })));
    return errors.length > 0;
  };
  const deciding = () => collected.errors.length === 0;
  const resource = domain.resource(step.resource);
  const action = resource.actionByName.get(step.action);
  if (!action) throw new Error(`${resource.name} has no action "${step.action}".`);
  const recordId = action.type === 'create' ? (step.id ?? round.input.newId()) : step.id!;
  const eventId = round.input.newId();
  round.rootEventId ??= eventId;
  const causationId = round.rootEventId === eventId ? null : round.rootEventId;
  // The state is the fold of the record's events, not its row; a record this mutation already changed is as it left it.
  const head = action.type === 'create' ? NEW_STREAM : round.current(resource.name, recordId, step.expectedVersion);
  // Whether the actor may read the record is gathered with its state: until it is known, nothing else about the
  // record is asked for, so a hidden record and a missing one cost the same statements (a denial reveals nothing).
  if (action.type !== 'create' && !step.via?.cascade && authorization.enforced) round.matches(resource.name, recordId, authorization.readWhere(resource), true);
  if (head === PENDING) return null;
  const current = head.state;
  const denied = authorize(round, {
    resource, action, recordId, input: step.input, current, via: step.via ?? null, root: path.length === 0,
    changing: changingFields(resource, action, step.input, current),
  });
  if (denied === PENDING) return null;
  if (report(denied)) {
    if (action.type === 'create') collected.unwritten.add(recordId);
    return null;
  }

  const { plain, managed } = splitInput(action, step.input);
  const before: [ManagedStep, Via][] = [];
  const after: [ManagedStep, Via][] = [];
  const fromActor = action.type === 'create' ? actorKeys(action, round.input.actorId, { ...step.input, ...step.frameworkInput }) : {};
  const keys: Record<string, unknown> = { ...step.frameworkInput, ...fromActor };
  const unset = new Set<string>();
  if (current || action.type === 'create') {
    // Per relationship, the records related after the arguments planned so far.
    const related = new Map<string, readonly RelatedRecord[]>();
    for (const arg of action.arguments) {
      if (!(arg.name in managed)) continue;
      const planned = planArgument(round, resource, arg, managed[arg.name], current, recordId, related.get(arg.relationship));
      if (planned === PENDING) continue;
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
  const cast = castInput(resource, withKeys, { ...plain, ...keys }, round.now);
  if (!cast.ok) report(cast.errors.filter((e) => !unset.has(e.path[0]!)));

  // A custom action's references are checked before its `validate`: a record the actor may not read is NOT_FOUND,
  // whatever validate would say of it (a CONFLICT "already related" would confirm that it exists).
  const referenced = cast.ok && action.type === 'custom' && current ? customReferences(action, cast.payload) : [];
  const hidden = report(missingReferences(round, referenced, authorization));

  for (const [managedStep, via] of before) decideManagedStep(round, collected, managedStep, via, path);

  let record: RecordState | null = null;
  if (cast.ok && !hidden) record = change();
  if (!record && action.type === 'create') collected.unwritten.add(recordId);

  for (const [managedStep, via] of after) decideManagedStep(round, collected, managedStep, via, path);
  // The invariants hold on the complete result, checked on the projected rows; with an error collected, some step was not decided.
  if (record && deciding() && triggeredInvariants(resource, { ...step.input, ...keys }).length > 0) {
    round.invariants.push({ resource, recordId, given: { ...step.input, ...keys }, path, root: round.root });
  }
  return record;

  /** Plans the record's own change and checks it; decides it while no error is collected. The record as it leaves it, or null. */
  function change(): RecordState | null {
    const planned = planAction({
      // The hash chain is computed once the decision is complete (decide.ts), not on every pass.
      resource, action: action!, recordId, current, previousHash: undefined, payload: cast.ok ? cast.payload : {},
      expectedVersion: step.expectedVersion, metadata: round.input.metadata, eventId, now: round.now, causationId, links: step.links,
    });
    if (!planned.ok) return (report(planned.errors), null);
    const { plan } = planned;
    // Keys the client gave must name records the actor may read (a custom action's were checked above); keys the framework
    // set name records it found or decided, except a relateActor key: a signed-in id need not name a record at all.
    const clientKeys = action!.type === 'custom' ? [] : plan.references.filter((r) => !(r.path[0]! in keys));
    const frameworkKeys = plan.references.filter((r) => r.path[0]! in fromActor && !collected.unwritten.has(r.id));
    const problems = [
      ...missingReferences(round, clientKeys, authorization),
      ...explainActorKey(resource, action!, fromActor, missingReferences(round, frameworkKeys, TRUSTED)),
      // Only checking, the dependents may be ones that earlier steps (not decided) would have removed.
      ...(deciding() ? blockingDependents(round, resource, plan.dependents) : []),
      ...missingLinkTargets(round, step.links ?? []),
    ];
    if (report(problems) || !deciding()) return null;
    const last = plan.changes[0]!;
    round.record(resource.name, recordId, plan.events, last.after, head === PENDING ? null : head.hash);
    round.links.push(...plan.links);
    round.snapshots.push(...plan.snapshots.map((snapshot) => ({ resource: resource.name, snapshot })));
    // A destroy's cascades and nullifies go before its row: their rows point at it.
    if (action!.type === 'destroy') onDestroy(round, collected, resource, last.before!, plan.dependents, path);
    round.changes.push(...plan.changes.map((c) => ({ ...c, path, root: round.root })));
    // A change always has a state on one side: create and update have `after`, destroy has `before`.
    return (last.after ?? last.before)!;
  }
}

/**
 * Plans one managed argument: its entries, checked, against the records
 * related now (`known`: as the arguments before it left them) and those its
 * keys name. `plan` holds the steps of the entries that planned (absent when
 * the input itself is malformed); `related` the records related after them.
 */
function planArgument(
  round: Round, resource: Resource, arg: ManagedArgument, value: unknown, current: RecordState | null, recordId: string,
  known: readonly RelatedRecord[] | undefined,
): { errors: readonly ActionError[]; plan?: ManagedPlan; related?: RelatedRecord[] } | Pending {
  const { domain, authorization } = round.input;
  const rel = resource.relationshipByName.get(arg.relationship) as KeyedRelationship;
  const destination = domain.resource(rel.destination);
  const many = rel.kind === 'hasMany' || rel.kind === 'manyToMany';
  const entries = managedEntries(arg, many, value, allowedFields(managedOperations(domain, rel, arg)));
  if (!entries.ok) return { errors: entries.errors };
  if (!entries.given) return { errors: [] };
  const malformed = malformedLookups(entries.entries, destination);
  if (malformed.length > 0) return { errors: malformed };
  // Only records the actor may read are found or count as related: a plan never matches, unrelates or destroys a
  // record the actor cannot see, nor reveals one in an error.
  const readable = authorization.readWhere(destination);
  const related = known ?? (current ? round.related(rel, resource, current, readable) : []);
  const found = new Map<string, RecordState>();
  let pending = related === PENDING;
  for (const entry of entries.entries) {
    if (!entry.lookup) continue;
    const record = round.lookup(destination.name, entry.lookup.attribute, entry.lookup.value, readable);
    if (record === PENDING) pending = true;
    else if (record) found.set(lookupKey(entry.lookup.attribute, record[entry.lookup.attribute]), record);
  }
  if (pending || related === PENDING) return PENDING;
  const state = { current: related, found };
  const planned = planManaged({ arg, rel, destination, parentId: recordId, entries: entries.entries, state, newId: round.input.newId });
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

/** A planned step, decided as the destination resource's action of the step's type. */
function decideManagedStep(round: Round, collected: Collected, step: ManagedStep, via: Via, path: readonly string[]): void {
  const { domain } = round.input;
  const resource = domain.resource(step.resource);
  const action = actionOfType(resource, step.op);
  if (!action) throw new Error(`${resource.name} has no ${step.op} action to run a managed step with.`);
  // The keys that tie the step to its parent are the framework's (not read-checked as client keys are).
  const linkKeys = new Set(linkAttributes(domain.resource(via.resource).relationshipByName.get(via.relationship) as KeyedRelationship, resource.name));
  const clientFields = new Set([...action.accept, ...action.arguments.map((a) => a.name)]);
  const input: Record<string, unknown> = {};
  const frameworkInput: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(step.op === 'destroy' ? {} : step.input)) {
    (clientFields.has(key) && !linkKeys.has(key) ? input : frameworkInput)[key] = value;
  }
  decideStep(round, collected, { resource: resource.name, action: action.name, id: step.id, input, frameworkInput, via }, [...path, ...step.path]);
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

/**
 * Records the plan refers to that do not exist, or that the actor may not
 * read (the same NOT_FOUND: a denial must not confirm that a record exists).
 * With `keysCheckedByDatabase`, a key to a resource without a read filter is
 * left to the foreign key.
 */
function missingReferences(round: Round, references: readonly Reference[], authorization: Authorization): ActionError[] {
  return references.flatMap((ref) => {
    const readable = authorization.readWhere(round.input.domain.resource(ref.resource));
    if (readable === null && round.input.keysCheckedByDatabase) return [];
    const exists = round.exists(ref.resource, ref.id, readable);
    return exists === false ? [notFound(ref.resource, ref.id, ref.path)] : [];
  });
}

/**
 * Dependents that block a destroy: those of `restrict` relationships (e.g. a
 * workspace that still has items), counted readable or not. The others are
 * cascaded or nullified (onDestroy).
 */
function blockingDependents(round: Round, owner: Resource, dependents: readonly Dependents[]): ActionError[] {
  return dependents.flatMap((dep) => {
    if (dep.onDestroy !== 'restrict') return [];
    const ids = round.children(dep.resource, dep.attribute, dep.id, owner.name);
    if (ids === PENDING || ids.length === 0) return [];
    return [actionError('CONFLICT', `${owner.name} "${dep.id}" still has ${ids.length} related ${dep.resource} record(s) through "${dep.relationship}"; remove them first.`, [])];
  });
}

/** Link targets that are not events of the log, or events of records the actor may not read (NOT_FOUND at ["links", i, "eventId"]). */
function missingLinkTargets(round: Round, links: readonly EventLinkRef[]): ActionError[] {
  return links.flatMap((link, i) => {
    const event = round.fact<EventFact>({ kind: 'event', id: link.targetId });
    return event === null ? [actionError('NOT_FOUND', `No event with id "${link.targetId}".`, ['links', String(i), 'eventId'])] : [];
  });
}

/**
 * Decides a destroy's onDestroy (see OnDestroy): every record pointing at the
 * destroyed one through a `cascade` relationship is destroyed with its
 * resource's destroy action, through a `nullify` one updated with its update
 * action to clear the key (`restrict` ones were checked before). Each is a
 * nested step of the mutation, with its own event, its own onDestroy in turn
 * (depth first) and its own policy (`via: { cascade: true }`, no readability
 * check). Relationships in declaration order, records by id. A record reached
 * again while its own destroy is under way (rows pointing at each other in a
 * cycle) is CONFLICT: no order of destroys could satisfy both keys.
 */
function onDestroy(round: Round, collected: Collected, resource: Resource, destroyed: RecordState, dependents: readonly Dependents[], path: readonly string[]): void {
  const { domain } = round.input;
  const recordId = destroyed.id;
  round.destroying.set(resource.name, [...(round.destroying.get(resource.name) ?? []), destroyed]);
  for (const dep of dependents) {
    if (dep.onDestroy === 'restrict') continue;
    const ids = round.children(dep.resource, dep.attribute, recordId, resource.name);
    if (ids === PENDING) continue;
    // A record whose destroy is under way is already decided (gone from the overlay), but its row still points here.
    if ((round.destroying.get(dep.resource) ?? []).some((record) => record[dep.attribute] === recordId)) {
      collected.errors.push(actionError(
        'CONFLICT',
        `Destroying this ${resource.name} reaches a ${dep.resource} whose own destroy is under way, through ${resource.name}.${dep.relationship} `
          + `(onDestroy "${dep.onDestroy}"): the records point at each other in a cycle, which no order of destroys can undo; clear one of the keys first.`,
        path,
      ));
      return;
    }
    const destination = domain.resource(dep.resource);
    const action = actionOfType(destination, dep.onDestroy === 'cascade' ? 'destroy' : 'update');
    // The domain checks that the action exists (check-on-destroy.ts); a missing one here is a bug, not a client error.
    if (!action) throw new Error(`${resource.name}.${dep.relationship}: onDestroy "${dep.onDestroy}" found no action on ${dep.resource}.`);
    const via: Via = { resource: resource.name, relationship: dep.relationship, cascade: true };
    const frameworkInput = dep.onDestroy === 'nullify' ? { [dep.attribute]: null } : {};
    for (const id of ids) decideStep(round, collected, { resource: dep.resource, action: action.name, id, input: {}, frameworkInput, via }, path);
  }
  round.destroying.set(resource.name, round.destroying.get(resource.name)!.filter((record) => record !== destroyed));
}
