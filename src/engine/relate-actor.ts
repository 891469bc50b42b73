import type { Action, Resource } from '../resource';
import { actionError, type ActionError } from './errors';

/**
 * The key a create's `relateActor` sets (see CreateActionOptions): the acting
 * person's id, when there is a person (services and anonymous requests have
 * none) and neither the client nor the framework sets the key, directly or
 * through a managed argument of that relationship. Returns the keys to add
 * to the framework's input (empty when none).
 */
export function actorKeys(
  action: Action,
  actorId: string | null,
  given: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const relate = action.relateActor;
  if (!relate || actorId === null || given[relate.attribute] !== undefined) return {};
  const managed = action.arguments.some((arg) => arg.relationship === relate.relationship && given[arg.name] !== undefined);
  return managed ? {} : { [relate.attribute]: actorId };
}

/**
 * A relateActor key that names no record (the signed-in id is not one of the
 * destination's records, e.g. a token for someone who is not a Member) is
 * reported as such instead of as a plain missing key the client never gave.
 */
export function explainActorKey(resource: Resource, action: Action, keys: Readonly<Record<string, unknown>>, errors: readonly ActionError[]): ActionError[] {
  const relate = action.relateActor;
  if (!relate || keys[relate.attribute] === undefined) return [...errors];
  const destination = (resource.relationshipByName.get(relate.relationship) as { destination?: string } | undefined)?.destination ?? relate.relationship;
  return errors.map((error) =>
    error.code === 'NOT_FOUND' && error.path.length === 1 && error.path[0] === relate.attribute
      ? actionError(
        'NOT_FOUND',
        `${resource.name}.${relate.relationship} is set to the acting person, but "${keys[relate.attribute]}" is not a ${destination}; sign in as a ${destination} or give ${relate.attribute}.`,
        error.path,
      )
      : error,
  );
}
