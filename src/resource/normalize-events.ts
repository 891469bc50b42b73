import type { ResourceDefinition } from './define';
import type { Attribute, ResourceEvents, VirtualField } from './normalized';
import { isCamelCase } from './naming';

const DEFAULT_SNAPSHOT_EVERY = 100;

/** Virtual fields: camelCase names that no attribute or system field takes, each with a default. */
export function normalizeVirtualFields(def: ResourceDefinition, attributes: readonly Attribute[], problems: string[]): VirtualField[] {
  const taken = new Set(attributes.map((a) => a.name));
  return Object.entries(def.virtualFields ?? {}).flatMap(([name, field]) => {
    const where = `${def.name}.virtualFields.${name}`;
    if (!isCamelCase(name)) problems.push(`${where}: names must be camelCase.`);
    if (taken.has(name)) problems.push(`${where}: "${name}" is also an attribute; rename it.`);
    if (typeof field?.default !== 'function') {
      problems.push(`${where}: give default: () => value, the field's value on a new record.`);
      return [];
    }
    return [Object.freeze({ name, default: field.default, description: field.description })];
  });
}

/** Payload version (a positive integer) with an upcaster for every older version; snapshot interval; link types. */
export function normalizeEvents(def: ResourceDefinition, problems: string[]): ResourceEvents {
  const where = `${def.name}.events`;
  const options = def.events ?? {};
  const payloadVersion = options.payloadVersion ?? 1;
  if (!Number.isInteger(payloadVersion) || payloadVersion < 1) problems.push(`${where}.payloadVersion: must be a positive integer but got: ${JSON.stringify(payloadVersion)}.`);
  const upcasters = new Map(Object.entries(options.upcast ?? {}).map(([from, fn]) => [Number(from), fn]));
  for (let from = 1; from < payloadVersion; from++) {
    if (typeof upcasters.get(from) !== 'function') problems.push(`${where}.upcast: no upcaster from version ${from}; events written under it could not be read.`);
  }
  for (const from of upcasters.keys()) {
    if (!(Number.isInteger(from) && from >= 1 && from < payloadVersion)) problems.push(`${where}.upcast: ${from} is not a version before ${payloadVersion}.`);
  }
  const snapshotEvery = options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
  if (!Number.isInteger(snapshotEvery) || snapshotEvery < 0) problems.push(`${where}.snapshotEvery: must be 0 (never) or a positive integer.`);
  const linkTypes = [...(options.linkTypes ?? [])];
  for (const type of linkTypes) {
    if (!/^[a-z][a-z0-9_]*$/.test(type)) problems.push(`${where}.linkTypes: "${type}" must be snake_case (e.g. replies_to).`);
  }
  return Object.freeze({ payloadVersion, upcasters, snapshotEvery, linkTypes: Object.freeze(linkTypes) });
}
