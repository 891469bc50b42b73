import type { Action, ManagedArgument, Resource } from './normalized';

/**
 * Checks one managed argument against its relationship and the resources it
 * reaches: the relationship can be managed, lookup keys are identities, join
 * attributes exist, and every instruction has the action or nullable key it
 * needs. Appends to `problems`.
 */
export function checkManagedArgument(
  resource: Resource,
  action: Action,
  arg: ManagedArgument,
  byName: ReadonlyMap<string, Resource>,
  problems: string[],
): void {
  const at = `${resource.name}.actions.${action.name}.arguments.${arg.name}`;
  const rel = resource.relationshipByName.get(arg.relationship);
  if (!rel) {
    problems.push(`${at}: ${resource.name} has no relationship "${arg.relationship}".`);
    return;
  }
  if (rel.kind !== 'belongsTo' && rel.kind !== 'hasOne' && rel.kind !== 'hasMany' && rel.kind !== 'manyToMany') {
    problems.push(`${at}: a ${rel.kind} relationship cannot be managed; only belongsTo, hasOne, hasMany and manyToMany can.`);
    return;
  }
  const destination = byName.get(rel.destination);
  if (!destination) return; // reported with the relationship
  for (const key of arg.lookupBy) {
    const attribute = destination.attributeByName.get(key);
    if (!attribute?.unique) problems.push(`${at}: lookupBy "${key}" must be id or a unique attribute of ${destination.name}.`);
  }

  const { onLookup, onNoMatch, onMatch, onMissing } = arg.instructions;
  const needs = (type: 'create' | 'update' | 'destroy', owner: Resource, why: string) => {
    if (!owner.actions.some((a) => a.type === type)) problems.push(`${at}: ${why} needs a ${type} action on ${owner.name}.`);
  };
  if (onNoMatch === 'create') needs('create', destination, 'onNoMatch "create"');
  // relate_and_update through a join resource writes only the new join record, never the destination.
  const updates = onMatch === 'update' || (onLookup === 'relate_and_update' && rel.kind !== 'manyToMany');
  if (updates) needs('update', rel.kind === 'manyToMany' ? byName.get(rel.through)! : destination, `"update"`);
  if (onMatch === 'destroy' || onMissing === 'destroy') needs('destroy', destination, '"destroy"');

  if (rel.kind === 'manyToMany') {
    const through = byName.get(rel.through);
    for (const name of arg.joinAttributes) {
      const attribute = through?.attributeByName.get(name);
      if (!attribute || attribute.system || attribute.keyOf || !attribute.writable) {
        problems.push(`${at}: join attribute "${name}" must be a writable attribute of ${rel.through} (not a key).`);
      }
    }
    if (onMatch === 'update_join') {
      if (through) needs('update', through, '"update_join"');
      if (arg.joinAttributes.length === 0) problems.push(`${at}: onMatch "update_join" needs joinAttributes to update.`);
    }
  } else {
    if (arg.joinAttributes.length > 0) problems.push(`${at}: joinAttributes apply to manyToMany relationships only.`);
    if (onMatch === 'update_join') problems.push(`${at}: onMatch "update_join" applies to manyToMany relationships only.`);
  }

  const unrelates = onMatch === 'unrelate' || onMissing === 'unrelate';
  if (unrelates && (rel.kind === 'hasMany' || rel.kind === 'hasOne')) {
    const key = destination.attributeByName.get(rel.destinationAttribute);
    if (key?.required) {
      problems.push(`${at}: "unrelate" would clear the required key ${destination.name}.${rel.destinationAttribute}; use "destroy" or make the key optional.`);
    }
  }
  if (unrelates && rel.kind === 'belongsTo' && rel.required) {
    problems.push(`${at}: "unrelate" would clear the required key ${resource.name}.${rel.sourceAttribute}; make the relationship optional.`);
  }
}
