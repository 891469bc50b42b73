import { defaultActions, type CreateActionOptions, type CustomActionOptions } from './actions';
import type { ResourceDefinition } from './define';
import type { Action, Attribute, RelateActor } from './normalized';
import { isCamelCase, upperFirst } from './naming';
import { normalizeAttribute, SYSTEM_FIELDS, type AttributeLimits } from './normalize-attributes';
import { normalizeManagedArguments } from './normalize-managed-arguments';

const NO_INPUT: ReadonlyMap<string, Attribute> = new Map();

/** Normalizes the actions of one resource against its normalized attributes. */
export function normalizeActions(def: ResourceDefinition, attributes: readonly Attribute[], limits: AttributeLimits, problems: string[]): Action[] {
  const byName = new Map(attributes.map((a) => [a.name, a]));
  const writable = attributes.filter((a) => a.writable && !a.system).map((a) => a.name);
  const result: Action[] = [];
  for (const [name, action] of Object.entries(def.actions ?? defaultActions())) {
    const where = `${def.name}.actions.${name}`;
    if (!isCamelCase(name)) problems.push(`${where}: action names must be camelCase.`);
    if (!['create', 'update', 'destroy', 'custom'].includes(action?.type)) {
      problems.push(`${where}: unknown action type ${JSON.stringify(action?.type)}; use action.create(), action.update(), action.destroy() or action.custom().`);
      continue;
    }
    if (action.type === 'custom') {
      const custom = normalizeCustom(def, name, action.options as CustomActionOptions, limits, problems);
      if (custom) result.push(custom);
      continue;
    }
    const options = action.options as CreateActionOptions;
    const accept = action.type === 'destroy' ? [] : [...(options.accept ?? writable)];
    for (const field of accept) {
      const attribute = byName.get(field);
      if (!attribute) problems.push(`${where}: accepts "${field}", which is not an attribute of ${def.name}.`);
      else if (!attribute.writable || attribute.system) problems.push(`${where}: accepts "${field}", which is not writable.`);
    }
    const args = action.type === 'destroy' ? [] : normalizeManagedArguments(options.arguments ?? {}, where, problems);
    for (const arg of args) {
      if (byName.has(arg.name)) problems.push(`${where}.arguments.${arg.name}: "${arg.name}" is also an attribute; name the argument differently.`);
    }
    const relateActor = options.relateActor === undefined ? undefined : normalizeRelateActor(def, name, action.type, options.relateActor, attributes, problems);
    result.push(Object.freeze({
      name, type: action.type, accept: Object.freeze(accept), arguments: Object.freeze(args), description: options.description,
      inputByName: NO_INPUT, custom: undefined, relateActor,
    }));
  }
  for (const type of ['create', 'update', 'destroy'] as const) {
    if (result.filter((a) => a.type === type).length > 1) {
      problems.push(`${def.name}.actions: more than one ${type} action; the generated mutations need exactly one of each type.`);
    }
  }
  return result;
}

/** A custom action: its input fields normalized like attributes, its logic kept as given. */
function normalizeCustom(def: ResourceDefinition, name: string, options: CustomActionOptions, limits: AttributeLimits, problems: string[]): Action | undefined {
  const where = `${def.name}.actions.${name}`;
  if (typeof options?.change !== 'function') {
    problems.push(`${where}: a custom action needs change(state, input, event), the pure function that applies its event.`);
    return undefined;
  }
  const input: Attribute[] = [];
  for (const [field, definition] of Object.entries(options.input ?? {})) {
    if ((SYSTEM_FIELDS as readonly string[]).includes(field)) problems.push(`${where}.input.${field}: "${field}" is reserved; rename it.`);
    // Named like `ItemAddRelation` so an enum field's default GraphQL name is `ItemAddRelationRelationType`.
    const attribute = normalizeAttribute(`${def.name}${upperFirst(name)}`, field, definition, limits, problems);
    if (attribute) input.push(attribute);
  }
  return Object.freeze({
    name, type: 'custom', accept: Object.freeze(input.map((a) => a.name)), arguments: Object.freeze([]), description: options.description,
    inputByName: new Map(input.map((a) => [a.name, a])),
    custom: { change: options.change, validate: options.validate, references: options.references }, relateActor: undefined,
  });
}

/** `relateActor` names a belongsTo of the resource, on a create action (the only one that sets a new record's keys). */
function normalizeRelateActor(
  def: ResourceDefinition, name: string, type: string, relationship: unknown, attributes: readonly Attribute[], problems: string[],
): RelateActor | undefined {
  const where = `${def.name}.actions.${name}.relateActor`;
  if (type !== 'create') {
    problems.push(`${where}: only a create action sets a relationship from the actor; remove it from this ${type} action.`);
    return undefined;
  }
  const key = attributes.find((a) => a.keyOf !== undefined && a.keyOf === relationship);
  if (!key) {
    const belongsTo = attributes.filter((a) => a.keyOf !== undefined).map((a) => a.keyOf);
    problems.push(`${where}: ${JSON.stringify(relationship)} is not a belongsTo relationship of ${def.name}; its belongsTo relationships: ${belongsTo.join(', ') || 'none'}.`);
    return undefined;
  }
  return Object.freeze({ relationship: key.keyOf!, attribute: key.name });
}
