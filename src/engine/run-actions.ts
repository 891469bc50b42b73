import type { EngineContext } from './context';
import { ActionFailed, type ActionError } from './errors';
import { executeAction } from './execute-action';
import type { RecordState } from './record';
import { checkRequest, flushWrite, inWriteTransaction, rootStep, staleRecord, type ActionRequest } from './run-action';
import { StreamVersionConflict } from '../events/store';

export type BulkOutcome =
  /** `records`: one per request, in order (for destroy, the last state before it). */
  | { readonly ok: true; readonly records: readonly RecordState[]; readonly events: number }
  | { readonly ok: false; readonly errors: readonly ActionError[] };

/**
 * Runs several actions as one write (Hasura `insert_x(objects)`, Ash bulk
 * actions, Keystone `createItems`): all in one transaction, all or nothing.
 * Each request is a root action of its own (its events are caused by its own
 * root event; all share the request's correlation id), run in order, so a
 * later entry sees what an earlier one wrote. Errors carry `pathOf(index)`
 * before their path: every malformed request is reported before any
 * statement; in the transaction, the first entry that fails ends it and its
 * errors (all of them, at every depth) are the answer.
 */
export async function runActions(
  ctx: EngineContext,
  requests: readonly ActionRequest[],
  pathOf: (index: number, path: readonly string[]) => string[],
): Promise<BulkOutcome> {
  const refusals = requests.flatMap((request, index) => {
    const checked = checkRequest(ctx.domain, request);
    return checked.ok ? [] : checked.errors.map((error) => ({ ...error, path: pathOf(index, error.path) }));
  });
  if (refusals.length > 0) return { ok: false, errors: refusals };
  const outcome = await inWriteTransaction(ctx, async (session) => {
    const records: RecordState[] = [];
    for (const [index, request] of requests.entries()) {
      const { resource, action } = checkRequest(ctx.domain, request) as Extract<ReturnType<typeof checkRequest>, { ok: true }>;
      session.rootEventId = null;
      try {
        records.push(await executeAction(session, rootStep(resource, action, request), []));
        // Each entry's rows and events written at its end, so a refusal is told at its entry.
        await flushWrite(session);
      } catch (error) {
        const errors = error instanceof ActionFailed ? error.errors : error instanceof StreamVersionConflict ? [staleRecord(error)] : null;
        if (!errors) throw error;
        throw new ActionFailed(errors.map((e) => ({ ...e, path: pathOf(index, e.path) })));
      }
    }
    return { records, events: session.events };
  });
  return outcome.ok ? { ok: true, ...outcome.value } : outcome;
}
