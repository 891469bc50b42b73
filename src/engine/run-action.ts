import type { EventLinkRef } from '../events/types';
import type { Action, Domain, Resource } from '../resource';
import type { EngineContext } from './context';
import { actionError, type ActionError } from './errors';
import { isUuid } from './query-errors';
import type { RecordState } from './record';
import type { ActionStep } from './write/step';
import { runUnitOfWork } from './write/unit-of-work';

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
 * Runs one action, with its managed arguments at every depth, as one unit of
 * work (see runUnitOfWork). All or nothing: any expected failure comes back
 * as `errors` and nothing is written; anything else is thrown.
 */
export async function runAction(ctx: EngineContext, request: ActionRequest): Promise<ActionOutcome> {
  const checked = checkRequest(ctx.domain, request);
  if (!checked.ok) return checked;
  const outcome = await runUnitOfWork(ctx, [rootStep(checked.resource, checked.action, request)], (_, path) => [...path]);
  return outcome.ok ? { ok: true, record: outcome.records[0]!, events: outcome.events } : outcome;
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
