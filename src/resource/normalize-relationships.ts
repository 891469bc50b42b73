import type { ResourceDefinition } from './define';
import type { HasMany, ManyToMany, Relationship } from './normalized';
import { isCamelCase, lowerFirst, upperFirst } from './naming';
import { joinRelationshipName, onDestroyByRelationship } from './normalize-on-destroy';
import { PARENT_FILTER_OPERATORS, parentConditions } from './parent-filter';
import type { ManyToManyOptions, OnDestroy, RelationshipDefinition } from './relationships';

type Definitions = ReadonlyMap<string, ResourceDefinition>;

/**
 * Normalizes the relationships of one resource. A manyToMany also declares
 * its join relationship (a hasMany to the join records) unless the resource
 * declares it itself. Checks that need every resource normalized happen in
 * the domain.
 */
export function normalizeRelationships(def: ResourceDefinition, definitions: Definitions, problems: string[]): Relationship[] {
  const declared = Object.entries(def.relationships ?? {});
  const result: Relationship[] = [];
  const onDestroy = onDestroyByRelationship(def, definitions, problems);
  for (const [name, rel] of declared) {
    const where = `${def.name}.${name}`;
    if (!isCamelCase(name)) problems.push(`${where}: relationship names must be camelCase.`);
    if (name in def.attributes) problems.push(`${where}: "${name}" is both an attribute and a relationship; rename one.`);
    const normalized = normalizeOne(def, name, rel, definitions, where, problems, onDestroy.get(name) ?? 'restrict');
    if (normalized) result.push(normalized);
  }
  for (const rel of [...result]) {
    if (rel.kind !== 'manyToMany' || result.some((r) => r.name === rel.joinRelationship)) continue;
    result.push(joinRelationshipOf(rel));
  }
  return result;
}

function normalizeOne(
  def: ResourceDefinition,
  name: string,
  rel: RelationshipDefinition,
  definitions: Definitions,
  where: string,
  problems: string[],
  onDestroy: OnDestroy,
): Relationship | undefined {
  const common = { name, source: def.name, public: rel.options.public ?? true, description: rel.options.description };
  const backKey = `${lowerFirst(def.name)}Id`;
  switch (rel.kind) {
    case 'belongsTo':
      return Object.freeze({
        ...common, kind: 'belongsTo', destination: rel.destination, sourceAttribute: rel.options.attribute ?? `${name}Id`,
        destinationAttribute: 'id', required: rel.options.required ?? true,
      });
    case 'hasOne':
    case 'hasMany':
      return Object.freeze({
        ...common, kind: rel.kind, destination: rel.destination, sourceAttribute: 'id',
        destinationAttribute: rel.options.destinationAttribute ?? backKey, onDestroy,
      });
    case 'manyToMany':
      return manyToMany(common, rel.destination, rel.options, definitions, where, problems, onDestroy);
    case 'noAttributes': {
      const filter = parentConditions(rel.options.filter ?? {});
      if (filter.length === 0) problems.push(`${where}: a noAttributes relationship needs a filter (e.g. { priority: { gt: parent('priority') } }).`);
      for (const c of filter) {
        if (!PARENT_FILTER_OPERATORS.includes(c.operator)) {
          problems.push(`${where}: unknown filter operator "${c.operator}" on "${c.attribute}"; use one of ${PARENT_FILTER_OPERATORS.join(', ')}.`);
        }
      }
      return Object.freeze({ ...common, kind: 'noAttributes', destination: rel.destination, filter: Object.freeze(filter) });
    }
    case 'manual':
      if (typeof rel.options.load !== 'function') problems.push(`${where}: a manual relationship needs a load(records, context) function.`);
      return Object.freeze({
        ...common, kind: 'manual', destination: rel.destination, cardinality: rel.options.cardinality ?? 'many', load: rel.options.load,
      });
    case 'polymorphic': {
      const { storage } = rel.options;
      if (rel.destinations.length === 0) problems.push(`${where}: a polymorphic relationship needs at least one destination.`);
      return Object.freeze({
        ...common, kind: 'polymorphic', destinations: Object.freeze([...rel.destinations]),
        storage: Object.freeze({ ...storage, orderAttribute: storage.orderAttribute ?? storage.idAttribute }),
        unionName: rel.options.unionName ?? `${def.name}${upperFirst(name)}Target`,
      });
    }
    default:
      problems.push(`${where}: unknown relationship kind ${JSON.stringify((rel as { kind?: unknown }).kind)}; use one of the relationship.* builders.`);
      return undefined;
  }
}

function manyToMany(
  common: Pick<ManyToMany, 'name' | 'source' | 'public' | 'description'>,
  destination: string,
  options: ManyToManyOptions,
  definitions: Definitions,
  where: string,
  problems: string[],
  onDestroy: OnDestroy,
): ManyToMany {
  const through = definitions.get(options.through);
  const sourceKey = options.sourceAttributeOnJoinResource ?? `${lowerFirst(common.source)}Id`;
  const destinationKey = options.destinationAttributeOnJoinResource ?? `${lowerFirst(destination)}Id`;
  let joinDestinationRelationship = '';
  if (!through) {
    problems.push(`${where}: unknown join resource "${options.through}".`);
  } else {
    const belongsTo = Object.entries(through.relationships ?? {}).find(
      ([name, r]) => r.kind === 'belongsTo' && r.destination === destination && (r.options.attribute ?? `${name}Id`) === destinationKey,
    );
    if (!belongsTo) {
      problems.push(`${where}: join resource ${options.through} needs a belongsTo to ${destination} keyed by "${destinationKey}" (or set destinationAttributeOnJoinResource).`);
    } else {
      joinDestinationRelationship = belongsTo[0];
    }
  }
  return Object.freeze({
    ...common, kind: 'manyToMany', destination, through: options.through,
    joinRelationship: joinRelationshipName(options, definitions),
    sourceAttributeOnJoinResource: sourceKey, destinationAttributeOnJoinResource: destinationKey, joinDestinationRelationship, onDestroy,
  });
}

function joinRelationshipOf(rel: ManyToMany): HasMany {
  return Object.freeze({
    kind: 'hasMany', name: rel.joinRelationship, source: rel.source, destination: rel.through, sourceAttribute: 'id',
    destinationAttribute: rel.sourceAttributeOnJoinResource, public: rel.public, onDestroy: rel.onDestroy,
    description: `Links behind \`${rel.name}\`, one per related ${rel.destination}, with the link's own attributes.`,
  });
}
