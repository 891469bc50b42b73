import type { HasMany, HasOne, ManyToMany, Resource } from './normalized';

/**
 * Checks that every onDestroy of one resource can be carried out (appends to
 * `problems`): `cascade` needs a destroy action on the records it destroys
 * (the destination; a manyToMany's join resource), `nullify` an update action
 * on them and an optional key to clear. A manyToMany's join relationship is
 * reported under the manyToMany. Two relationships over the same key must
 * agree, since destroying the record can do only one thing to those records.
 */
export function checkOnDestroy(resource: Resource, byName: ReadonlyMap<string, Resource>, problems: string[]): void {
  const joinOf = new Map<string, ManyToMany>();
  for (const rel of resource.relationships) if (rel.kind === 'manyToMany') joinOf.set(rel.joinRelationship, rel);
  const byKey = new Map<string, (HasMany | HasOne)[]>();

  for (const rel of resource.relationships) {
    if (rel.kind !== 'hasMany' && rel.kind !== 'hasOne') continue;
    const key = `${rel.destination}.${rel.destinationAttribute}`;
    byKey.set(key, [...(byKey.get(key) ?? []), rel]);
    const destination = byName.get(rel.destination);
    if (!destination || rel.onDestroy === 'restrict') continue;
    const manyToMany = joinOf.get(rel.name);
    const where = manyToMany ? `${resource.name}.${manyToMany.name}` : `${resource.name}.${rel.name}`;
    const records = manyToMany ? `its join records (${destination.name})` : `the ${destination.name} records`;
    const needs = (type: 'destroy' | 'update') => {
      if (!destination.actions.some((a) => a.type === type)) {
        problems.push(`${where}: onDestroy "${rel.onDestroy}" runs the ${type} action of ${records}, but ${destination.name} has none; declare one or use another onDestroy.`);
      }
    };
    if (rel.onDestroy === 'cascade') needs('destroy');
    if (rel.onDestroy === 'nullify') {
      needs('update');
      const attribute = destination.attributeByName.get(rel.destinationAttribute);
      if (attribute?.required) {
        problems.push(`${where}: onDestroy "nullify" would clear the required key ${destination.name}.${rel.destinationAttribute}; make it optional (required: false) or use "cascade" or "restrict".`);
      }
    }
  }

  for (const [key, rels] of byKey) {
    const values = new Set(rels.map((r) => r.onDestroy));
    if (values.size > 1) {
      problems.push(`${resource.name}: ${rels.map((r) => `${r.name} (onDestroy "${r.onDestroy}")`).join(' and ')} both reach ${key}; destroying one ${resource.name} can do one thing to those records: give them the same onDestroy.`);
    }
  }
}
