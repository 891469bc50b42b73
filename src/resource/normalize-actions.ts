import { defaultActions } from './actions';
import type { ResourceDefinition } from './define';
import type { Action, Attribute } from './normalized';
import { isCamelCase } from './naming';
import { normalizeManagedArguments } from './normalize-managed-arguments';

/** Normalizes the actions of one resource against its normalized attributes. */
export function normalizeActions(def: ResourceDefinition, attributes: readonly Attribute[], problems: string[]): Action[] {
  const byName = new Map(attributes.map((a) => [a.name, a]));
  const writable = attributes.filter((a) => a.writable && !a.system).map((a) => a.name);
  const result: Action[] = [];
  for (const [name, action] of Object.entries(def.actions ?? defaultActions())) {
    const where = `${def.name}.actions.${name}`;
    if (!isCamelCase(name)) problems.push(`${where}: action names must be camelCase.`);
    if (!['create', 'update', 'destroy'].includes(action?.type)) {
      problems.push(`${where}: unknown action type ${JSON.stringify(action?.type)}; use action.create(), action.update() or action.destroy().`);
      continue;
    }
    const accept = action.type === 'destroy' ? [] : [...(action.options.accept ?? writable)];
    for (const field of accept) {
      const attribute = byName.get(field);
      if (!attribute) problems.push(`${where}: accepts "${field}", which is not an attribute of ${def.name}.`);
      else if (!attribute.writable || attribute.system) problems.push(`${where}: accepts "${field}", which is not writable.`);
    }
    const args = action.type === 'destroy' ? [] : normalizeManagedArguments(action.options.arguments ?? {}, where, problems);
    for (const arg of args) {
      if (byName.has(arg.name)) problems.push(`${where}.arguments.${arg.name}: "${arg.name}" is also an attribute; name the argument differently.`);
    }
    result.push(Object.freeze({
      name, type: action.type, accept: Object.freeze(accept), arguments: Object.freeze(args), description: action.options.description,
    }));
  }
  for (const type of ['create', 'update', 'destroy'] as const) {
    if (result.filter((a) => a.type === type).length > 1) {
      problems.push(`${def.name}.actions: more than one ${type} action; the generated mutations need exactly one of each type.`);
    }
  }
  return result;
}
