import type { EngineContext } from './context';
import type { ActionError } from './errors';
import type { RecordState } from './record';
import { checkRequest, rootStep, type ActionRequest } from './run-action';
import { runUnitOfWork } from './write/unit-of-work';

export type BulkOutcome =
  /** `records`: one per request, in order (for destroy, the last state before it). */
  | { readonly ok: true; readonly records: readonly RecordState[]; readonly events: number }
  | { readonly ok: false; readonly errors: readonly ActionError[] };

/**
 * Runs several actions as one unit of work (Hasura `insert_x(objects)`, Ash
 * bulk actions, Keystone `createItems`): one decision, one append, one
 * projection, all or nothing. Each request is a root action of its own (its
 * events are caused by its own root event; all share the request's
 * correlation id), decided in order, so a later entry sees what an earlier
 * one decided. Errors carry `pathOf(index)` before their path: every
 * malformed request is reported before any statement; then the first entry
 * that fails ends the decision and its errors (all of them, at every depth)
 * are the answer.
 */
export async function runActions(
  ctx: EngineContext,
  requests: readonly ActionRequest[],
  pathOf: (index: number, path: readonly string[]) => string[],
): Promise<BulkOutcome> {
  const steps = [];
  const refusals: ActionError[] = [];
  for (const [index, request] of requests.entries()) {
    const checked = checkRequest(ctx.domain, request);
    if (checked.ok) steps.push(rootStep(checked.resource, checked.action, request));
    else refusals.push(...checked.errors.map((error) => ({ ...error, path: pathOf(index, error.path) })));
  }
  if (refusals.length > 0) return { ok: false, errors: refusals };
  return runUnitOfWork(ctx, steps, pathOf);
}
