import { StreamVersionConflict } from '../events/store';
import type { EventLinkRef } from '../events/types';
import { canCreateWithoutReads } from './action-policy';
import { TRUSTED } from './authorization';
import { changingFields } from './changing';
import type { EngineContext } from './context';
import { ActionFailed, actionError, type ActionError } from './errors';
import { executeAction, type ActionStep, type WriteSession } from './execute-action';
import { triggeredInvariants } from './invariants';
import { PendingEvents } from './pending-events';
import { PendingRows } from './pending-rows';
import { isUuid } from './query-errors';
import { actorKeys, explainActorKey } from './relate-actor';
import { canCreateInOneStatement, createInOneStatement } from './single-statement-create';
import type { RecordState } from './record';
import type { Action, Domain, Resource } from '../resource';

export interface ActionRequest {
  readonly resource: string;
  readonly action: string;
  /** The record to act on; omitted for create (a new UUIDv7 is minted). */
  readonly id?: string;
  readonly input?: Record<string, unknown>;
  readonly expectedVersion?: number | null;
  /** Typed links from the action's event to earlier events (types the resource declares). */
  readonly links?: readonly EventLinkRef[];
}

export type ActionOutcome =
  /** `record`: the state after the action; for destroy, the last state before it. `events`: how many were appended. */
  | { readonly ok: true; readonly record: RecordState; readonly events: number }
  | { readonly ok: false; readonly errors: readonly ActionError[] };

/**
 * Runs one action, with its managed arguments, in one transaction (see
 * `executeAction`). All or nothing: any expected failure rolls the whole
 * transaction back and comes back as `errors`; anything else is thrown.
 */
export async function runAction(ctx: EngineContext, request: ActionRequest): Promise<ActionOutcome> {
  const checked = checkRequest(ctx.domain, request);
  if (!checked.ok) return checked;
  const { resource, action } = checked;
  const input = request.input ?? {};
  const authorization = ctx.authorization ?? TRUSTED;
  const actorId = ctx.actorId ?? null;
  if (
    ctx.sql && canCreateInOneStatement(resource, action, input, (request.links?.length ?? 0) > 0) &&
    canCreateWithoutReads(authorization, resource, action, input, changingFields(resource, action, input, null), ctx.domain)
  ) {
    const frameworkInput = actorKeys(action, actorId, input);
    // An invariant the input triggers needs its count after the write, inside a transaction.
    if (triggeredInvariants(resource, { ...input, ...frameworkInput }).length === 0) {
      const outcome = await createInOneStatement(ctx.sql, { resource, action, input, frameworkInput, metadata: ctx.metadata, now: ctx.now?.() ?? new Date() });
      if (outcome !== 'needs a transaction') {
        return outcome.ok ? { ok: true, record: outcome.record, events: 1 } : { ok: false, errors: explainActorKey(resource, action, frameworkInput, outcome.errors) };
      }
    }
  }

  const outcome = await inWriteTransaction(ctx, async (session) => {
    const record = await executeAction(session, rootStep(resource, action, request), []);
    await flushWrite(session);
    return { record, events: session.events };
  });
  return outcome.ok ? { ok: true, ...outcome.value } : outcome;
}

/** A request's resource and action, or the errors that refuse it before any statement (unknown action, malformed id or links). */
export function checkRequest(domain: Domain, request: ActionRequest):
  | { readonly ok: true; readonly resource: Resource; readonly action: Action }
  | { readonly ok: false; readonly errors: readonly ActionError[] } {
  const resource = domain.resource(request.resource);
  const action = resource.actionByName.get(request.action);
  if (!action) {
    const declared = resource.actions.map((a) => a.name).join(', ');
    return { ok: false, errors: [actionError('INVALID_INPUT', `${resource.name} has no action "${request.action}"; its actions: ${declared}.`, [])] };
  }
  if (action.type !== 'create' && !isUuid(request.id)) {
    return { ok: false, errors: [actionError('INVALID_INPUT', `id must be a UUID but got: ${JSON.stringify(request.id)}.`, ['id'])] };
  }
  const linkErrors = badLinks(resource.events.linkTypes, request.links ?? []);
  return linkErrors.length > 0 ? { ok: false, errors: linkErrors } : { ok: true, resource, action };
}

/** The root step of a checked request (ids and link targets in lower case). */
export function rootStep(resource: Resource, action: Action, request: ActionRequest): ActionStep {
  return {
    resource: resource.name,
    action: action.name,
    ...(action.type === 'create' ? {} : { id: request.id!.toLowerCase() }),
    input: request.input ?? {},
    expectedVersion: request.expectedVersion,
    links: request.links?.map((l) => ({ type: l.type, targetId: l.targetId.toLowerCase() })),
  };
}

/**
 * Runs `work` in one write transaction, with a session for its root action.
 * All or nothing: expected failures (`ActionFailed`, a stale version) roll
 * it back and come back as errors; anything else is thrown. `newRoot`
 * (bulk writes) starts the next root action: its events are caused by its
 * own root event, not the first entry's.
 *
 * No retry: a writer without an expected version locks each record's stream
 * head before folding it (loadRecordForWrite), so it cannot lose a race; a
 * StreamVersionConflict is then a stale expectedVersion, a create whose id
 * is taken, or a stream without a head (see appendEvents).
 */
export async function inWriteTransaction<T>(
  ctx: EngineContext,
  work: (session: WriteSession) => Promise<T>,
): Promise<{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly ActionError[] }> {
  try {
    const value = await ctx.prisma.$transaction(async (tx) => work({
      tx, domain: ctx.domain, metadata: ctx.metadata, authorization: ctx.authorization ?? TRUSTED, actorId: ctx.actorId ?? null,
      now: ctx.now?.() ?? new Date(), rootEventId: null, events: 0, pending: new PendingEvents(), rows: new PendingRows(),
    }));
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ActionFailed) return { ok: false, errors: error.errors };
    if (error instanceof StreamVersionConflict) return { ok: false, errors: [staleRecord(error)] };
    throw error;
  }
}

/** Writes what a root action held back: its plain creates' rows (per model), then its events (one append). */
export async function flushWrite(session: WriteSession): Promise<void> {
  const refused = await session.rows.flush(session.tx);
  if (refused.length > 0) throw new ActionFailed(refused);
  await session.pending.flush(session.tx);
}

/** A stale expectedVersion (or a taken id), as the mutation error the client gets. */
export const staleRecord = (conflict: StreamVersionConflict): ActionError =>
  actionError('STALE_RECORD', `${conflict.message} Reload the record and retry.`, ['expectedVersion']);

/** Links of a type the resource does not declare, to a malformed event id, or given twice. */
function badLinks(types: readonly string[], links: readonly EventLinkRef[]): ActionError[] {
  const seen = new Set<string>();
  return links.flatMap((link, i) => {
    if (!types.includes(link.type)) {
      const allowed = types.length > 0 ? `one of: ${types.join(', ')}` : 'none (the resource declares no link types)';
      return [actionError('INVALID_INPUT', `Unknown link type ${JSON.stringify(link.type)}; expected ${allowed}.`, ['links', String(i), 'type'])];
    }
    if (!isUuid(link.targetId)) return [actionError('INVALID_INPUT', `Expected an event id (UUID) but got: ${JSON.stringify(link.targetId)}.`, ['links', String(i), 'eventId'])];
    const key = `${link.type} ${link.targetId.toLowerCase()}`;
    if (seen.has(key)) return [actionError('INVALID_INPUT', `This ${link.type} link to event ${link.targetId} is given twice.`, ['links', String(i), 'eventId'])];
    seen.add(key);
    return [];
  });
}
