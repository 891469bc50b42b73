import type { EventLinkRef, NewEvent } from '../../events/types';
import type { ActionError } from '../errors';
import { orderErrors } from '../error-order';
import type { PlannedSnapshot } from '../plan';
import type { RecordState } from '../record';
import type { FactNeed, Facts } from './facts';
import { Round, type DecideInput, type InvariantCheck, type PlannedChange } from './round';
import { decideStep, type Collected } from './step';

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
  return {
    complete: true, failed, records, events: round.events, links: round.links, changes: round.changes, snapshots: round.snapshots,
    invariants: round.invariants,
  };
}
