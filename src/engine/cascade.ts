import { modelDelegate } from '../db/delegate';
import type { Resource, Via } from '../resource';
import { ActionFailed, actionError } from './errors';
import type { ActionStep, WriteSession } from './execute-action';
import { actionOfType } from './managed/allowed-fields';
import type { Dependents } from './plan';

/** Runs one step in the session (executeAction, passed in so that this module does not import it back). */
export type RunStep = (session: WriteSession, step: ActionStep, path: readonly string[]) => Promise<unknown>;

/** Records whose destroy a session has begun, as `Resource:id` (destroyed ones included: their rows are gone, so no query finds them again). */
const begun = new WeakMap<WriteSession, Set<string>>();

/**
 * Carries out a destroy's onDestroy (see OnDestroy): every record pointing at
 * the destroyed one through a `cascade` relationship is destroyed with its
 * resource's destroy action, through a `nullify` one updated with its update
 * action to clear the key. `restrict` relationships were checked before
 * (blockingDependents). Each step is a nested action of the session: its own
 * event, caused by the root mutation's, with the request's correlation id;
 * its own dependents' onDestroy apply in turn (depth first); its own policy
 * decides, with `via: { resource, relationship, cascade: true }` and no
 * readability check; any refusal, two levels down or more, fails the whole
 * transaction. Relationships run in declaration order, records by id
 * (creation order).
 *
 * Contract: runs after the destroyed record's event is appended and before its
 * row is deleted (the rows it touches point at that row; foreign keys
 * RESTRICT). A record reached again while its own destroy is under way (rows
 * pointing at each other in a cycle) is CONFLICT: no order of destroys could
 * satisfy both keys.
 */
export async function applyOnDestroy(
  session: WriteSession, resource: Resource, recordId: string, dependents: readonly Dependents[], path: readonly string[], run: RunStep,
): Promise<void> {
  const started = begun.get(session) ?? new Set<string>();
  begun.set(session, started);
  started.add(`${resource.name}:${recordId}`);
  for (const dep of dependents) {
    if (dep.onDestroy === 'restrict') continue;
    const destination = session.domain.resource(dep.resource);
    const rows = await modelDelegate(session.tx, destination.model).findMany({
      where: { [dep.attribute]: recordId }, select: { id: true }, orderBy: { id: 'asc' },
    });
    if ((rows as { id: string }[]).some(({ id }) => started.has(`${dep.resource}:${id}`))) {
      throw new ActionFailed([actionError(
        'CONFLICT',
        `Destroying this ${resource.name} reaches a ${dep.resource} whose own destroy is under way, through ${resource.name}.${dep.relationship} `
          + `(onDestroy "${dep.onDestroy}"): the records point at each other in a cycle, which no order of destroys can undo; clear one of the keys first.`,
        path,
      )]);
    }
    const action = actionOfType(destination, dep.onDestroy === 'cascade' ? 'destroy' : 'update');
    // The domain checks that the action exists (check-on-destroy.ts); a missing one here is a bug, not a client error.
    if (!action) throw new Error(`${resource.name}.${dep.relationship}: onDestroy "${dep.onDestroy}" found no action on ${dep.resource}.`);
    const via: Via = { resource: resource.name, relationship: dep.relationship, cascade: true };
    const frameworkInput = dep.onDestroy === 'nullify' ? { [dep.attribute]: null } : {};
    for (const { id } of rows as { id: string }[]) {
      await run(session, { resource: dep.resource, action: action.name, id, input: {}, frameworkInput, via }, path);
    }
  }
}
