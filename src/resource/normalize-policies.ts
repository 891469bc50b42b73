import type { ResourceDefinition } from './define';
import type { Action, ResourcePolicies } from './normalized';

/** Policies name only the resource's actions, and every policy is a function. */
export function normalizePolicies(def: ResourceDefinition, actions: readonly Action[], problems: string[]): ResourcePolicies | null {
  if (def.policies === undefined) return null;
  const where = `${def.name}.policies`;
  const read = def.policies.read ?? null;
  if (read !== null && typeof read !== 'function') problems.push(`${where}.read: give (actor) => condition.`);
  const declared = new Set(actions.map((a) => a.name));
  const byAction = new Map(Object.entries(def.policies.actions ?? {}));
  for (const [name, policy] of byAction) {
    if (!declared.has(name)) problems.push(`${where}.actions.${name}: ${def.name} has no action "${name}"; its actions: ${[...declared].join(', ')}.`);
    if (typeof policy !== 'function') problems.push(`${where}.actions.${name}: give (context) => boolean or a condition.`);
  }
  return Object.freeze({ read, actions: byAction });
}
