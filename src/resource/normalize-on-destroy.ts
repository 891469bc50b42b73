import type { ResourceDefinition } from './define';
import { lowerFirst } from './naming';
import { ON_DESTROY, type ManyToManyOptions, type OnDestroy, type RelationshipDefinition } from './relationships';

type Definitions = ReadonlyMap<string, ResourceDefinition>;

/** The kinds whose destination records point at the source, so destroying the source must decide what becomes of them. */
const POINTED_AT_BY: readonly RelationshipDefinition['kind'][] = ['hasMany', 'hasOne', 'manyToMany'];

/** The name of a manyToMany's hasMany to its join records (declared for it unless the resource declares it). */
export function joinRelationshipName(options: ManyToManyOptions, definitions: Definitions): string {
  return options.joinRelationship ?? definitions.get(options.through)?.pluralName ?? `${lowerFirst(options.through)}s`;
}

/**
 * The onDestroy of every hasMany, hasOne and manyToMany of one resource, by
 * relationship name, the join relationships a manyToMany declares included.
 * Defaults: `restrict` for hasMany and hasOne (Ash's default: no cascade);
 * `cascade` for a manyToMany and its join relationship, which share one
 * setting (a link goes with either end), given on either or on both alike.
 * Appends problems: a value that is not one of ON_DESTROY, onDestroy on
 * another kind, a manyToMany and its join relationship that disagree.
 */
export function onDestroyByRelationship(def: ResourceDefinition, definitions: Definitions, problems: string[]): Map<string, OnDestroy> {
  const declared = Object.entries(def.relationships ?? {});
  const given = new Map<string, OnDestroy>();
  for (const [name, rel] of declared) {
    const value = (rel.options as { onDestroy?: unknown }).onDestroy;
    if (value === undefined) continue;
    const where = `${def.name}.${name}`;
    if (!POINTED_AT_BY.includes(rel.kind)) {
      problems.push(`${where}: onDestroy applies to hasMany, hasOne and manyToMany relationships (the records pointing at this one), not to a ${rel.kind}; remove it.`);
    } else if (!ON_DESTROY.includes(value as OnDestroy)) {
      problems.push(`${where}: onDestroy must be one of ${ON_DESTROY.map((v) => `"${v}"`).join(', ')} but got ${JSON.stringify(value)}.`);
    } else {
      given.set(name, value as OnDestroy);
    }
  }

  const throughJoin = new Map<string, string[]>(); // join relationship -> the manyToMany relationships through it
  for (const [name, rel] of declared) {
    if (rel.kind !== 'manyToMany') continue;
    const join = joinRelationshipName(rel.options, definitions);
    throughJoin.set(join, [...(throughJoin.get(join) ?? []), name]);
  }
  const result = new Map<string, OnDestroy>();
  for (const [name, rel] of declared) {
    if ((rel.kind === 'hasMany' || rel.kind === 'hasOne') && !throughJoin.has(name)) result.set(name, given.get(name) ?? 'restrict');
  }
  for (const [join, manyToMany] of throughJoin) {
    const names = [...(def.relationships?.[join] ? [join] : []), ...manyToMany];
    const values = [...new Set(names.flatMap((name) => (given.has(name) ? [given.get(name)!] : [])))];
    if (values.length > 1) {
      const said = names.filter((name) => given.has(name)).map((name) => `${name}: "${given.get(name)}"`).join(', ');
      problems.push(`${def.name}.${join}: a manyToMany and its join relationship share one onDestroy, but ${said}; give it once (on ${manyToMany[0]}).`);
    }
    for (const name of [join, ...manyToMany]) result.set(name, values[0] ?? 'cascade');
  }
  return result;
}
