import { MANAGE_PRESETS, resolveInstructions, type ManagedArgumentDefinition } from './manage';
import type { ManagedArgument } from './normalized';
import { isCamelCase } from './naming';

const INSTRUCTION_VALUES = {
  onLookup: ['ignore', 'relate', 'relate_and_update', 'error'],
  onNoMatch: ['ignore', 'create', 'error'],
  onMatch: ['ignore', 'update', 'update_join', 'unrelate', 'destroy', 'error'],
  onMissing: ['ignore', 'unrelate', 'destroy', 'error'],
} as const;

/**
 * Normalizes the managed arguments of one action (shape only); checks
 * against the relationship and the destination happen in the domain, once
 * every resource is normalized.
 */
export function normalizeManagedArguments(
  definitions: Readonly<Record<string, ManagedArgumentDefinition>>,
  where: string,
  problems: string[],
): ManagedArgument[] {
  const result: ManagedArgument[] = [];
  for (const [name, def] of Object.entries(definitions)) {
    const at = `${where}.arguments.${name}`;
    if (!isCamelCase(name)) problems.push(`${at}: argument names must be camelCase.`);
    if (def?.kind !== 'managed') {
      problems.push(`${at}: expected manage(relationship, type, options).`);
      continue;
    }
    if (!(def.type in MANAGE_PRESETS)) {
      problems.push(`${at}: unknown type "${def.type}"; use one of ${Object.keys(MANAGE_PRESETS).join(', ')}.`);
      continue;
    }
    for (const [key, allowed] of Object.entries(INSTRUCTION_VALUES)) {
      const value = (def.options as Record<string, unknown>)[key];
      if (value !== undefined && !(allowed as readonly unknown[]).includes(value)) {
        problems.push(`${at}: ${key} must be one of ${allowed.join(', ')} but got: ${JSON.stringify(value)}.`);
      }
    }
    const lookupBy = [...(def.options.lookupBy ?? ['id'])];
    if (lookupBy.length === 0) problems.push(`${at}: lookupBy needs at least one key (e.g. ['id']).`);
    if (def.options.valueIsKey && lookupBy.length !== 1) {
      problems.push(`${at}: valueIsKey needs exactly one lookup key, so a bare value is unambiguous.`);
    }
    result.push(Object.freeze({
      name,
      relationship: def.relationship,
      type: def.type,
      instructions: Object.freeze(resolveInstructions(def.type, def.options)),
      valueIsKey: def.options.valueIsKey ?? false,
      lookupBy: Object.freeze(lookupBy),
      joinAttributes: Object.freeze([...(def.options.joinAttributes ?? [])]),
      description: def.options.description,
    }));
  }
  return result;
}
