import type { ResourceDefinition } from './define';
import type { Action, ResourcePolicies } from './normalized';
import type { ActionPolicy } from './policies';

/**
 * Policies name only the resource's actions, `changes` only fields those
 * actions take (accepted attributes, custom input fields, managed arguments),
 * and every policy is a function.
 */
export function normalizePolicies(def: ResourceDefinition, actions: readonly Action[], problems: string[]): ResourcePolicies | null {
  if (def.policies === undefined) return null;
  const where = `${def.name}.policies`;
  const read = def.policies.read ?? null;
  if (read !== null && typeof read !== 'function') problems.push(`${where}.read: give (actor) => condition.`);
  const byName = new Map(actions.map((a) => [a.name, a]));
  const actionNames = () => [...byName.keys()].join(', ');
  const byAction = new Map(Object.entries(def.policies.actions ?? {}));
  for (const [name, policy] of byAction) {
    if (!byName.has(name)) problems.push(`${where}.actions.${name}: ${def.name} has no action "${name}"; its actions: ${actionNames()}.`);
    if (typeof policy !== 'function') problems.push(`${where}.actions.${name}: give (context) => boolean or a condition.`);
  }
  const changes = new Map<string, ReadonlyMap<string, ActionPolicy>>();
  for (const [name, fields] of Object.entries(def.policies.changes ?? {})) {
    const action = byName.get(name);
    if (!action) {
      problems.push(`${where}.changes.${name}: ${def.name} has no action "${name}"; its actions: ${actionNames()}.`);
      continue;
    }
    if (fields === null || typeof fields !== 'object') {
      problems.push(`${where}.changes.${name}: give { [attributeOrArgument]: (context) => boolean or a condition }.`);
      continue;
    }
    const takes = [...action.accept, ...action.arguments.map((a) => a.name)];
    for (const [field, policy] of Object.entries(fields)) {
      if (!takes.includes(field)) {
        const taken = takes.length > 0 ? `it takes: ${takes.join(', ')}` : 'it takes no input';
        problems.push(`${where}.changes.${name}.${field}: ${def.name}.${name} neither accepts "${field}" nor takes it as a managed argument, so it never changes it; ${taken}.`);
      }
      if (typeof policy !== 'function') problems.push(`${where}.changes.${name}.${field}: give (context) => boolean or a condition.`);
    }
    changes.set(name, new Map(Object.entries(fields)));
  }
  return Object.freeze({ read, actions: byAction, changes });
}
