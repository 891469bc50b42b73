import type { Action, Domain, KeyedRelationship, ManagedArgument, Resource } from '../../resource';

/** The destination's action of a type (resources have exactly one of each type they declare). */
export const actionOfType = (resource: Resource, type: Action['type']): Action | undefined =>
  resource.actions.find((a) => a.type === type);

/** The attribute of the destination the framework sets to relate it (never client input). */
export function frameworkKey(rel: KeyedRelationship): string | undefined {
  return rel.kind === 'hasMany' || rel.kind === 'hasOne' ? rel.destinationAttribute : undefined;
}

/**
 * What a managed argument may do, and the destination fields each operation
 * takes: `create` fields (the destination's create action: its attributes and
 * its own managed arguments, so creates nest), `update` fields (its update
 * action's attributes). The relationship's own key is never among them.
 */
export interface ManagedOperations {
  readonly lookup: boolean;
  readonly create: readonly string[] | undefined;
  readonly update: readonly string[] | undefined;
}

export function managedOperations(domain: Domain, rel: KeyedRelationship, arg: ManagedArgument): ManagedOperations {
  const destination = domain.resource(rel.destination);
  const key = frameworkKey(rel);
  const { onLookup, onNoMatch, onMatch, onMissing } = arg.instructions;
  const fieldsOf = (type: 'create' | 'update') => {
    const action = actionOfType(destination, type);
    return action ? [...action.accept, ...action.arguments.map((a) => a.name)].filter((f) => f !== key) : [];
  };
  return {
    lookup: onLookup !== 'ignore' || onMatch !== 'ignore' || onMissing !== 'ignore' || onNoMatch === 'error',
    create: onNoMatch === 'create' ? fieldsOf('create') : undefined,
    // relate_and_update through a join resource sends the remaining input to the join record (joinAttributes), not to the destination.
    update: onMatch === 'update' || (onLookup === 'relate_and_update' && rel.kind !== 'manyToMany') ? fieldsOf('update') : undefined,
  };
}

/** Every destination field an entry of the argument may carry (besides lookup keys and join attributes). */
export const allowedFields = (ops: ManagedOperations): Set<string> => new Set([...(ops.create ?? []), ...(ops.update ?? [])]);
