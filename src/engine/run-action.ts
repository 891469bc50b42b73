import { StreamVersionConflict } from '../events/store';
import type { EngineContext } from './context';
import { ActionFailed, actionError, type ActionError } from './errors';
import { executeAction, type WriteSession } from './execute-action';
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
  /** `record`: the state after the action; for destroy, the last state before it. `events`: how many were appended. */
  | { readonly ok: true; readonly record: RecordState; readonly events: number }
  | { readonly ok: false; readonly errors: readonly ActionError[] };

/**
 * Runs one action, with its managed arguments, in one transaction (see
 * `executeAction`). All or nothing: any expected failure rolls the whole
 * transaction back and comes back as `errors`; anything else is thrown.
 */
export async function runAction(ctx: EngineContext, request: ActionRequest): Promise<ActionOutcome> {
  const resource = ctx.domain.resource(request.resource);
  const action = resource.actionByName.get(request.action);
  if (!action) throw new Error(`${resource.name} has no action "${request.action}".`);
  if (action.type !== 'create' && !isUuid(request.id)) {
    return { ok: false, errors: [actionError('INVALID_INPUT', `id must be a UUID but got: ${JSON.stringify(request.id)}.`, ['id'])] };
  }
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const session: WriteSession = {
        tx, domain: ctx.domain, metadata: ctx.metadata, now: ctx.now?.() ?? new Date(), rootEventId: null, events: 0,
      };
      const record = await executeAction(session, {
        resource: resource.name,
        action: action.name,
        ...(action.type === 'create' ? {} : { id: request.id!.toLowerCase() }),
        input: request.input ?? {},
        expectedVersion: request.expectedVersion,
      }, []);
      return { ok: true as const, record, events: session.events };
    });
  } catch (error) {
    if (error instanceof ActionFailed) return { ok: false, errors: error.errors };
    if (error instanceof StreamVersionConflict) {
      return { ok: false, errors: [actionError('STALE_RECORD', `${error.message} Reload the record and retry.`, ['expectedVersion'])] };
    }
    throw error;
  }
}
