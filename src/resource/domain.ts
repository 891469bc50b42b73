import type { ResourceDefinition } from './define';
import { checkManagedArgument } from './check-managed-argument';
import { checkOnDestroy } from './check-on-destroy';
import { checkRelationship } from './check-relationship';
import { DomainDefinitionError } from './errors';
import { normalizeActions } from './normalize-actions';
import { normalizeAttributes, type AttributeLimits } from './normalize-attributes';
import { normalizeEvents, normalizeVirtualFields } from './normalize-events';
import { normalizeInvariants } from './normalize-invariants';
import { normalizePolicies } from './normalize-policies';
import { normalizeRelationships } from './normalize-relationships';
import type { Resource } from './normalized';
import { isPascalCase, lowerFirst } from './naming';

export interface DomainOptions extends Partial<AttributeLimits> {}

/** The registry of all resources, normalized and validated once. */
export interface Domain {
  readonly resources: readonly Resource[];
  /** The resource called `name`; throws for an unknown name (a caller bug, not client input). */
  resource(name: string): Resource;
}

export const DEFAULT_MAX_STRING_LENGTH = 10_000;

/**
 * Normalizes and validates every definition. Throws a `DomainDefinitionError`
 * listing every problem found, each naming `Resource.field`.
 */
export function defineDomain(definitions: readonly ResourceDefinition[], options: DomainOptions = {}): Domain {
  const problems: string[] = [];
  const limits: AttributeLimits = { maxStringLength: options.maxStringLength ?? DEFAULT_MAX_STRING_LENGTH };
  const definitionsByName = new Map(definitions.map((def) => [def.name, def]));
  const resources = definitions.map((def) => normalizeResource(def, definitionsByName, limits, problems));
  checkAcrossResources(resources, problems);
  if (problems.length > 0) throw new DomainDefinitionError(problems);

  const byName = new Map(resources.map((r) => [r.name, r]));
  return Object.freeze({
    resources: Object.freeze(resources),
    resource(name: string): Resource {
      const found = byName.get(name);
      if (!found) throw new Error(`Unknown resource "${name}"; the domain has: ${[...byName.keys()].join(', ')}.`);
      return found;
    },
  });
}

function normalizeResource(
  def: ResourceDefinition,
  definitions: ReadonlyMap<string, ResourceDefinition>,
  limits: AttributeLimits,
  problems: string[],
): Resource {
  if (!isPascalCase(def.name ?? '')) problems.push(`${def.name}: resource names must be PascalCase (e.g. "Item").`);
  const attributes = normalizeAttributes(def, limits, problems);
  const relationships = normalizeRelationships(def, definitions, problems);
  const actions = normalizeActions(def, attributes, limits, problems);
  const virtualFields = normalizeVirtualFields(def, attributes, problems);
  const policies = normalizePolicies(def, actions, problems);
  const invariants = normalizeInvariants(def, actions, problems);
  for (const model of Object.keys(def.materialization?.tables ?? {})) {
    if (typeof def.materialization?.prepare !== 'function') problems.push(`${def.name}.materialization: give prepare(state), the rows of ${model} the record owns.`);
  }
  return Object.freeze({
    name: def.name,
    pluralName: def.pluralName ?? `${lowerFirst(def.name)}s`,
    model: def.model ?? def.name,
    description: def.description,
    attributes: Object.freeze(attributes),
    attributeByName: new Map(attributes.map((a) => [a.name, a])),
    relationships: Object.freeze(relationships),
    relationshipByName: new Map(relationships.map((r) => [r.name, r])),
    actions: Object.freeze(actions),
    actionByName: new Map(actions.map((a) => [a.name, a])),
    virtualFields: Object.freeze(virtualFields),
    materialization: def.materialization,
    events: normalizeEvents(def, problems),
    policies,
    invariants: Object.freeze(invariants),
  });
}

function checkAcrossResources(resources: readonly Resource[], problems: string[]): void {
  const byName = new Map<string, Resource>();
  for (const resource of resources) {
    if (byName.has(resource.name)) problems.push(`${resource.name}: defined twice.`);
    byName.set(resource.name, resource);
  }
  const plurals = new Map<string, string>();
  for (const resource of resources) {
    const other = plurals.get(resource.pluralName);
    if (other) problems.push(`${resource.name}: plural name "${resource.pluralName}" is also used by ${other}; set pluralName.`);
    plurals.set(resource.pluralName, resource.name);
  }
  const enumOwners = new Map<string, string>();
  for (const resource of resources) {
    for (const attribute of resource.attributes) {
      if (!attribute.enumName) continue;
      const owner = enumOwners.get(attribute.enumName);
      if (owner) problems.push(`${resource.name}.${attribute.name}: enum name "${attribute.enumName}" is already used by ${owner}; set enumName.`);
      enumOwners.set(attribute.enumName, `${resource.name}.${attribute.name}`);
    }
  }
  for (const resource of resources) {
    for (const rel of resource.relationships) checkRelationship(resource, rel, byName, problems);
    checkOnDestroy(resource, byName, problems);
    for (const action of resource.actions) {
      for (const arg of action.arguments) checkManagedArgument(resource, action, arg, byName, problems);
    }
  }
}
