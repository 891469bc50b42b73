import { driverConstraintViolation } from '../../db/driver-constraint';
import { foreignKeyViolation } from '../../db/foreign-key-violation';
import { uniqueViolationFields } from '../../db/unique-violation';
import { StreamVersionConflict } from '../../events/store';
import { uuidv7 } from '../../events/uuidv7';
import { TRUSTED } from '../authorization';
import type { EngineContext } from '../context';
import { ActionFailed, actionError, type ActionError } from '../errors';
import type { RecordState } from '../record';
import { actorKeys, explainActorKey } from '../relate-actor';
import { append } from './append';
import { appendAndProject, appendsWithRows, HeadsMovedMeanwhile } from './append-and-project';
import { brokenInvariants } from './check-invariants';
import { decide, type DecideInput, type Decision } from './decide';
import { Facts } from './facts';
import { gather } from './gather';
import { mayReduceToOneStatement, reducesToOneStatement, writeInOneStatement } from './one-statement';
import { project } from './project';
import type { ActionStep } from './step';

export type UnitOfWorkOutcome =
  /** `records`: one per root action, in order (for destroy, the last state before it). `events`: how many were appended. */
  | { readonly ok: true; readonly records: readonly RecordState[]; readonly events: number }
  | { readonly ok: false; readonly errors: readonly ActionError[] };

/** Where a root action's error sits in the request (a bulk mutation puts the entry's index first). */
export type RootPath = (root: number, path: readonly string[]) => string[];

/** More rounds than any tree of nested steps needs: a decision that keeps asking is a bug. */
const MAX_ROUNDS = 64;
/** Attempts of a transaction PostgreSQL aborted to break a deadlock. */
const DEADLOCK_ATTEMPTS = 3;

/**
 * Runs a mutation (its root actions, each with every nested step) as one
 * unit of work, all or nothing:
 * - gather: the facts the decision asks for, in batched reads, round after
 *   round until it asks for nothing more (one round per level of nesting
 *   that depends on what the level above found);
 * - decide: the pure decision over those facts: every event, every row
 *   change, every error (decide.ts);
 * - append: every event in one statement that moves every stream head;
 * - project: the rows, per model and kind of change (project.ts); then the
 *   triggered invariants, checked on the written rows. When each record
 *   changes once and each table gets one kind of write, the append and the
 *   row writes are one statement (append-and-project.ts); should the
 *   database refuse it, the unit of work runs again with separate
 *   statements, which tell the entry.
 * A decision that needs no fact and is one plain create is written as one
 * statement, without a transaction (one-statement.ts); one whose facts need
 * no lock, as one guarded statement after reading them (optimistically).
 * Expected failures roll everything back and come back as errors; a
 * transaction PostgreSQL chose as a deadlock's victim is run again (twice at
 * most). A successful one reports its event count to `ctx.onEventsAppended`.
 */
export async function runUnitOfWork(ctx: EngineContext, roots: readonly ActionStep[], pathOf: RootPath): Promise<UnitOfWorkOutcome> {
  const outcome = await unitOfWork(ctx, roots, pathOf);
  if (outcome.ok && outcome.events > 0) ctx.onEventsAppended?.(outcome.events);
  return outcome;
}

async function unitOfWork(ctx: EngineContext, roots: readonly ActionStep[], pathOf: RootPath): Promise<UnitOfWorkOutcome> {
  const ids = new IdSequence();
  // One clock reading for the whole unit of work: every round decides with the same time.
  const now = ctx.now?.() ?? new Date();
  const input = (keysCheckedByDatabase: boolean): DecideInput => ({
    domain: ctx.domain, authorization: ctx.authorization ?? TRUSTED, actorId: ctx.actorId ?? null, metadata: ctx.metadata,
    now, newId: ids.next, roots, keysCheckedByDatabase,
  });
  const decided = (decision: Extract<Decision, { complete: true }>): UnitOfWorkOutcome =>
    ({ ok: true, records: decision.records, events: decision.events.length });

  if (roots.length === 0) return { ok: true, records: [], events: 0 };
  if (ctx.sql && mayReduceToOneStatement(ctx.domain, roots)) {
    const first = decide(input(true), new Facts());
    if (first.complete && reducesToOneStatement(first)) {
      const errors = await writeInOneStatement(ctx.sql, first);
      return errors.length === 0 ? decided(first) : { ok: false, errors: explainRootKeys(ctx, roots[0]!, errors).map((e) => ({ ...e, path: pathOf(0, e.path) })) };
    }
  }
  const optimistic = await optimistically(ctx, input, ids, pathOf);
  if (optimistic) return optimistic;
  let combine = true;
  for (let attempt = 1; ; attempt++) {
    ids.forget();
    let decision: Decision | undefined;
    try {
      return decided(await ctx.prisma.$transaction(async (tx) => {
        const facts = new Facts();
        decision = decide(input(false), facts);
        for (let round = 1; !decision.complete; round++) {
          if (round > MAX_ROUNDS) throw new Error(`The decision still needs facts after ${MAX_ROUNDS} rounds: ${JSON.stringify(decision.needs.slice(0, 3))}`);
          for (const [need, value] of await gather(tx, ctx.domain, decision.needs, ctx.authorization ?? TRUSTED)) facts.set(need, value);
          ids.rewind();
          decision = decide(input(false), facts);
        }
        const { failed } = decision;
        if (failed) throw new ActionFailed(failed.errors.map((e) => ({ ...e, path: pathOf(failed.root, e.path) })));
        const at = (c: { root: number; path: readonly string[] }) => pathOf(c.root, c.path);
        let refused: ActionError[];
        if (combine && appendsWithRows(decision)) {
          refused = await appendAndProject(tx, ctx.domain, decision, at).catch((error: unknown) => {
            // A row the database refused (a child of a row a taken key kept out): which one, only separate statements tell.
            throw foreignKeyViolation(error) || uniqueViolationFields(error) ? new CombinedStatementRefused() : error;
          });
        } else {
          await append(tx, decision);
          refused = await project(tx, ctx.domain, decision.changes, at);
        }
        if (refused.length > 0) throw new ActionFailed(refused);
        const broken = await brokenInvariants(tx, ctx.domain, decision.invariants, at);
        if (broken.length > 0) throw new ActionFailed(broken);
        return decision;
      }));
    } catch (error) {
      if (error instanceof ActionFailed) return { ok: false, errors: error.errors };
      if (error instanceof StreamVersionConflict) return { ok: false, errors: [staleRecord(error, decision, pathOf)] };
      if (error instanceof CombinedStatementRefused) {
        combine = false;
        attempt -= 1;
        continue;
      }
      if (isDeadlock(error) && attempt < DEADLOCK_ATTEMPTS) continue;
      throw error;
    }
  }
}

/**
 * The unit of work without a transaction, when it can be optimistic: its
 * facts need no lock (creates; writes with expectedVersion), so they are read
 * on their own, and everything is written in ONE guarded statement (see
 * appendAndProject), atomic by itself, whose stream heads move only from the
 * versions the decision folded. Null when it cannot (a fact needs a lock, an
 * invariant must be checked on the written rows, the writes do not fit one
 * statement) or when the statement was refused (a head moved meanwhile, a
 * taken key, a key to a row gone): the caller then runs the unit of work in a
 * transaction, which tells exactly what went wrong. Reading the facts first
 * and writing after is what a transaction does at READ COMMITTED too; the
 * stream heads and foreign keys guard the write.
 */
async function optimistically(
  ctx: EngineContext, input: (keysCheckedByDatabase: boolean) => DecideInput, ids: IdSequence, pathOf: RootPath,
): Promise<UnitOfWorkOutcome | null> {
  ids.forget();
  // No transaction to share: the driver, when there is one, skips Prisma's work on each statement.
  const connection = ctx.sql ?? ctx.prisma;
  const facts = new Facts();
  let decision = decide(input(false), facts);
  for (let round = 1; !decision.complete; round++) {
    if (round > MAX_ROUNDS || decision.needs.some((need) => need.kind === 'state' && need.lock)) return null;
    for (const [need, value] of await gather(connection, ctx.domain, decision.needs, ctx.authorization ?? TRUSTED)) facts.set(need, value);
    ids.rewind();
    decision = decide(input(false), facts);
  }
  const { failed } = decision;
  if (failed) return { ok: false, errors: failed.errors.map((e) => ({ ...e, path: pathOf(failed.root, e.path) })) };
  if (decision.invariants.length > 0 || !appendsWithRows(decision)) return null;
  try {
    await appendAndProject(connection, ctx.domain, decision, (c) => pathOf(c.root, c.path), true);
  } catch (error) {
    const refused = foreignKeyViolation(error) || uniqueViolationFields(error) || driverConstraintViolation(error);
    if (error instanceof HeadsMovedMeanwhile || error instanceof StreamVersionConflict || refused) return null;
    throw error;
  }
  return { ok: true, records: decision.records, events: decision.events.length };
}

/** The one statement of an append with its inserts was refused: the unit of work runs again with separate statements. */
class CombinedStatementRefused extends Error {}

/** A stale expectedVersion (or a taken id), as the mutation error the client gets, at the root action that wrote the stream. */
function staleRecord(conflict: StreamVersionConflict, decision: Decision | undefined, pathOf: RootPath): ActionError {
  const change = decision?.complete ? decision.changes.find((c) => c.resource.name === conflict.resource && c.recordId === conflict.recordId) : undefined;
  return actionError('STALE_RECORD', `${conflict.message} Reload the record and retry.`, pathOf(change?.root ?? 0, ['expectedVersion']));
}

/** A relateActor key the one statement found no record for is told as such (see explainActorKey). */
function explainRootKeys(ctx: EngineContext, root: ActionStep, errors: readonly ActionError[]): ActionError[] {
  const resource = ctx.domain.resource(root.resource);
  const action = resource.actionByName.get(root.action)!;
  return explainActorKey(resource, action, actorKeys(action, ctx.actorId ?? null, root.input), errors);
}

/** PostgreSQL aborted the transaction to break a deadlock (40P01), as Prisma reports it. */
function isDeadlock(error: unknown): boolean {
  const text = JSON.stringify(error, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) + String((error as Error)?.message ?? '');
  return text.includes('40P01') || /deadlock detected/i.test(text);
}

/**
 * The ids a decision mints, the same in every round (`rewind`), so that
 * deciding again over more facts names the same new records and events;
 * `forget` starts a new sequence (a transaction run again).
 */
class IdSequence {
  private ids: string[] = [];
  private used = 0;
  readonly next = (): string => {
    if (this.used === this.ids.length) this.ids.push(uuidv7());
    return this.ids[this.used++]!;
  };

  rewind(): void {
    this.used = 0;
  }

  forget(): void {
    this.ids = [];
    this.used = 0;
  }
}
