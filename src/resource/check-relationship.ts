import type { Relationship, Resource } from './normalized';
import { isParentRef } from './parent-filter';

/** Checks one relationship against the other resources of the domain; appends to `problems`. */
export function checkRelationship(resource: Resource, rel: Relationship, byName: ReadonlyMap<string, Resource>, problems: string[]): void {
  const where = `${resource.name}.${rel.name}`;
  const known = () => [...byName.keys()].join(', ');
  const destinations = rel.kind === 'polymorphic' ? rel.destinations : [rel.destination];
  const missing = destinations.filter((name) => !byName.has(name));
  for (const name of missing) problems.push(`${where}: unknown destination resource "${name}"; known resources: ${known()}.`);
  if (missing.length > 0) return;

  const uuidKey = (owner: Resource, attribute: string, hint: string, role = 'destination attribute') => {
    const key = owner.attributeByName.get(attribute);
    if (!key) problems.push(`${where}: ${role} ${owner.name}.${attribute} does not exist; ${hint}.`);
    else if (key.type !== 'uuid') problems.push(`${where}: ${role} ${owner.name}.${attribute} must be a uuid key but is ${key.type}.`);
  };

  switch (rel.kind) {
    case 'hasOne':
    case 'hasMany':
      uuidKey(byName.get(rel.destination)!, rel.destinationAttribute, `add a belongsTo on ${rel.destination} or set destinationAttribute`);
      return;
    case 'manyToMany': {
      const through = byName.get(rel.through);
      if (!through) return; // reported while normalizing
      uuidKey(through, rel.sourceAttributeOnJoinResource, `add a belongsTo to ${resource.name} on ${through.name} or set sourceAttributeOnJoinResource`, 'join attribute');
      return;
    }
    case 'noAttributes': {
      const destination = byName.get(rel.destination)!;
      for (const c of rel.filter) {
        if (!destination.attributeByName.has(c.attribute)) problems.push(`${where}: filter refers to unknown attribute ${destination.name}.${c.attribute}.`);
        if (isParentRef(c.value) && !resource.attributeByName.has(c.value.parentAttribute)) {
          problems.push(`${where}: filter refers to unknown parent attribute ${resource.name}.${c.value.parentAttribute}.`);
        }
      }
      return;
    }
    case 'polymorphic':
      if (byName.has(rel.unionName)) problems.push(`${where}: union name "${rel.unionName}" is also a resource name; set unionName.`);
      return;
    default:
      return;
  }
}
