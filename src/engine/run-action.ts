import { modelDelegate, type Client } from '../db/delegate';
import { uniqueViolationFields } from '../db/unique-violation';
import { appendEvents, StreamVersionConflict } from '../events/store';
import { uuidv7 } from '../events/uuidv7';
import { castInput } from './cast';
import { blockingDependents, missingReferences } from './checks';
import type { EngineContext } from './context';
import { ActionFailed, actionError, type ActionError } from './errors';
import { materialize } from './materialize';
import { planAction, type RecordChange } from './plan';
import { isUuid } from './query-errors';
import type { RecordState } from './record';

export interface ActionRequest {
  readonly resource: string;
  readonly action: string;
  /** The record to act on; omitted for create (a new UUIDv7 is minted). */
  readonly id?: string;
  readonly input?: Record<string, unknown>;
  readonly expectedVersion?: number | null;
}

export type ActionOutcome =
  /** `record`: the state after the action; for destroy, the last state before it. */
  | { readonly ok: true; readonly record: RecordState; readonly events: number }
  | { readonly ok: false; readonly errors: readonly ActionError[] };

/**
 * Runs one action: cast the input, then in one transaction read the current
 * state, plan, check references, append the events and materialize the rows.
 * All or nothing: any expected failure rolls the whole transaction back and
 * comes back as `errors`; anything else is thrown.
 */
export async function runAction(ctx: EngineContext, request: ActionRequest): Promise<ActionOutcome> {
  const resource = ctx.domain.resource(request.resource);
  const action = resource.actionByName.get(request.action);
  if (!action) throw new Error(`${resource.name} has no action "${request.action}".`);

  if (action.type !== 'create' && !isUuid(request.id)) {
    return { ok: false, errors: [actionError('INVALID_INPUT', `id must be a UUID but got: ${JSON.stringify(request.id)}.`, ['id'])] };
  }
  const cast = castInput(resource, action, request.input ?? {});
  if (!cast.ok) return { ok: false, errors: cast.errors };
  const recordId = action.type === 'create' ? uuidv7() : request.id!.toLowerCase();

  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const current = action.type === 'create'
        ? null
        : ((await modelDelegate(tx, resource.model).findUnique({ where: { id: recordId } })) as RecordState | null);
      const planned = planAction({
        resource, action, recordId, current, payload: cast.payload, expectedVersion: request.expectedVersion,
        metadata: ctx.metadata, eventId: uuidv7(), now: ctx.now?.() ?? new Date(),
      });
      if (!planned.ok) throw new ActionFailed(planned.errors);
      const { plan } = planned;
      const problems = [
        ...(await missingReferences(tx, ctx.domain, plan.references)),
        ...(await blockingDependents(tx, ctx.domain, resource.name, plan.dependents)),
      ];
      if (problems.length > 0) throw new ActionFailed(problems);
      await appendEvents(tx, plan.events);
      for (const change of plan.changes) await materializeUnique(tx, change);
      const change = plan.changes[0]!;
      // A change always has a state on one side: create and update have `after`, destroy has `before`.
      return { ok: true as const, record: (change.after ?? change.before)!, events: plan.events.length };
    });
  } catch (error) {
    if (error instanceof ActionFailed) return { ok: false, errors: error.errors };
    if (error instanceof StreamVersionConflict) {
      return { ok: false, errors: [actionError('STALE_RECORD', `${error.message} Reload the record and retry.`, ['expectedVersion'])] };
    }
    throw error;
  }
}

/** Materializes a change; a unique constraint it breaks (e.g. a taken email) is a CONFLICT on those fields. */
async function materializeUnique(tx: Client, change: RecordChange): Promise<void> {
  try {
    await materialize(tx, change);
  } catch (error) {
    const fields = uniqueViolationFields(error);
    if (!fields) throw error;
    const what = fields.length > 0 ? fields.join(' + ') : 'a unique key';
    throw new ActionFailed([
      { ...actionError('CONFLICT', `Another ${change.resource.name} already has this ${what}.`, fields.length === 1 ? [fields[0]!] : []), fields },
    ]);
  }
}
