import { eventHash } from '../../events/hash';
import { streamKey } from '../../events/store';
import type { EventLinkRef, NewEvent } from '../../events/types';
import { actionError, type ActionError } from '../errors';
import { triggeredInvariants } from '../invariants';
import { orderErrors } from '../error-order';
import type { PlannedSnapshot } from '../plan';
import type { RecordState } from '../record';
import type { FactNeed, Facts } from './facts';
import { Round, type DecideInput, type InvariantCheck, type PlannedChange } from './round';
import { decideStep, type Collected } from './step';
import { evaluateWhere } from './evaluate-where';

export type { DecideInput, InvariantCheck, PlannedChange } from './round';

export type Decision =
  /** Facts are missing: gather `needs` and decide again. */
  | { readonly complete: false; readonly needs: readonly FactNeed[] }
  | {
      readonly complete: true;
      /** The first root action that failed and all its errors (in input order); nothing of the mutation is to be written. */
      readonly failed: { readonly root: number; readonly errors: readonly ActionError[] } | null;
      /** Each root action's record as it leaves it (a destroy: the last state before it). */
      readonly records: readonly RecordState[];
      /** Every event of the mutation, in decision order (each stream's versions consecutive). */
      readonly events: readonly NewEvent[];
      readonly links: readonly (EventLinkRef & { readonly eventId: string })[];
      /** Every record's change, in decision order: an order in which the rows can be written. */
      readonly changes: readonly PlannedChange[];
      readonly snapshots: readonly { readonly resource: string; readonly snapshot: PlannedSnapshot }[];
      /** Invariants to check on the rows once written. */
      readonly invariants: readonly InvariantCheck[];
    };

/**
 * Decides a whole mutation (pure): its root actions in order (a bulk
 * mutation's entries; each sees what the ones before it decided) with every
 * nested step at any depth, over the facts known. Either every fact it needs
 * is known and it returns every event, row change and error, or it returns
 * the facts still missing (as many as it could find in one pass, so that
 * gathering them takes one round). The first root action with errors ends the
 * decision. Same input and facts, same decision.
 */
export function decide(input: DecideInput, facts: Facts): Decision {
  facts.startRound();
  const round = new Round(input, facts);
  const records: RecordState[] = [];
  let failed: { root: number; errors: ActionError[] } | null = null;
  for (const [index, root] of input.roots.entries()) {
    round.root = index;
    round.rootEventId = null;
    round.now = root.occurredAt ?? input.now;
    const collected: Collected = { errors: [], unwritten: new Set() };
    const record = decideStep(round, collected, root, []);
    if (collected.errors.length > 0) {
      failed = { root: index, errors: orderErrors(collected.errors, root.input) };
      break;
    }
    if (record) records.push(record);
    else if (!round.incomplete) throw new Error(`${root.resource}.${root.action} decided nothing and reported no error.`);
  }
  if (round.incomplete) return { complete: false, needs: facts.needs };
  const invariants = failed ? { left: [], broken: [] } : decideInvariants(round);
  if (invariants.broken.length > 0) {
    const root = Math.min(...invariants.broken.map((b) => b.root));
    failed = { root, errors: orderErrors(invariants.broken.filter((b) => b.root === root).map((b) => b.error), input.roots[root]!.input) };
  }
  // A failed decision writes nothing: its events need no hash.
  const { events, snapshots } = failed ? round : chainHashes(round);
  return { complete: true, failed, records, events, links: round.links, changes: round.changes, snapshots, invariants: invariants.left };
}

/**
 * The decision's events with their hashes, each chained to its stream's
 * previous event (one stream's events are in version order), and the
 * snapshots with the hash of the event they were taken at. Computed once,
 * on the complete decision, rather than on every pass over the facts.
 */
function chainHashes(round: Round): Pick<Round, 'events' | 'snapshots'> {
  const last = new Map(round.startHashes);
  const hashes = new Map<string, string>();
  const events = round.events.map((event) => {
    const stream = streamKey(event.resource, event.recordId);
    const hash = eventHash(last.get(stream) ?? null, event);
    last.set(stream, hash);
    hashes.set(`${stream} ${event.version}`, hash);
    return { ...event, hash };
  });
  const snapshots = round.snapshots.map(({ resource, snapshot }) =>
    ({ resource, snapshot: { ...snapshot, hash: hashes.get(`${streamKey(resource, snapshot.recordId)} ${snapshot.version}`)! } }));
  return { events, snapshots };
}

/**
 * The triggered invariants of records the mutation created, decided in memory
 * (evaluateWhere over the records the decision wrote: a new item's memberships
 * are exactly those this mutation created); those that need the database (an
 * existing record, a condition on a parent read from it) are left to be
 * checked on the written rows.
 */
function decideInvariants(round: Round): { left: InvariantCheck[]; broken: { root: number; error: ActionError }[] } {
  const left: InvariantCheck[] = [];
  const broken: { root: number; error: ActionError }[] = [];
  for (const check of round.invariants) {
    const written = round.writtenRecord(check.resource.name, check.recordId);
    if (!written?.created) {
      left.push(check);
      continue;
    }
    if (!written.state) continue;
    const results = triggeredInvariants(check.resource, check.given).map(({ invariant, field }) => ({
      invariant, field, holds: evaluateWhere(round.input.domain, check.resource, written.state!, invariant.holds, round.relatedOf),
    }));
    for (const { invariant, field, holds } of results) {
      if (holds === false) broken.push({ root: check.root, error: actionError('INVALID_INPUT', invariant.message, [...check.path, field]) });
    }
    if (results.some((r) => r.holds === undefined) && !results.some((r) => r.holds === false)) left.push(check);
  }
  return { left, broken };
}
