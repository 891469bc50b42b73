import type { ResourceDefinition } from './define';
import type { Relationship } from './normalized';
import { isCamelCase, lowerFirst } from './naming';

/** Normalizes the relationships of one resource; cross-resource checks happen in the domain. */
export function normalizeRelationships(def: ResourceDefinition, problems: string[]): Relationship[] {
  const result: Relationship[] = [];
  for (const [name, rel] of Object.entries(def.relationships ?? {})) {
    const where = `${def.name}.${name}`;
    if (!isCamelCase(name)) problems.push(`${where}: relationship names must be camelCase.`);
    if (name in def.attributes) problems.push(`${where}: "${name}" is both an attribute and a relationship; rename one.`);
    const common = {
      name,
      source: def.name,
      destination: rel.destination,
      public: rel.options.public ?? true,
      description: rel.options.description,
    };
    if (rel.kind === 'belongsTo') {
      result.push(Object.freeze({
        ...common, kind: 'belongsTo', sourceAttribute: rel.options.attribute ?? `${name}Id`,
        destinationAttribute: 'id', required: rel.options.required ?? true,
      }));
    } else if (rel.kind === 'hasMany') {
      result.push(Object.freeze({
        ...common, kind: 'hasMany', sourceAttribute: 'id',
        destinationAttribute: rel.options.destinationAttribute ?? `${lowerFirst(def.name)}Id`,
      }));
    } else {
      problems.push(`${where}: unknown relationship kind ${JSON.stringify((rel as { kind?: unknown }).kind)}; use relationship.belongsTo() or relationship.hasMany().`);
    }
  }
  return result;
}
