import type { ResourceDefinition } from './define';
import type { Action, Invariant } from './normalized';

/**
 * Each invariant is triggered by fields some action of the resource takes
 * (attributes, custom input fields, managed arguments), holds a condition
 * object and says what is wrong in a message. Whether the condition compiles
 * is checked when the server starts (check-read-filters.ts), as read filters are.
 */
export function normalizeInvariants(def: ResourceDefinition, actions: readonly Action[], problems: string[]): Invariant[] {
  if (def.invariants === undefined) return [];
  if (!Array.isArray(def.invariants)) {
    problems.push(`${def.name}.invariants: give a list of { when, holds, message }.`);
    return [];
  }
  const takes = new Set(actions.flatMap((a) => [...a.accept, ...a.arguments.map((arg) => arg.name)]));
  const result: Invariant[] = [];
  for (const [i, invariant] of def.invariants.entries()) {
    const where = `${def.name}.invariants[${i}]`;
    const before = problems.length;
    const when: unknown = invariant?.when;
    if (!Array.isArray(when) || when.length === 0 || when.some((field) => typeof field !== 'string')) {
      problems.push(`${where}.when: give the names of the fields whose presence in an action's input triggers the check (a non-empty list).`);
    } else {
      for (const field of when as string[]) {
        if (!takes.has(field)) {
          problems.push(`${where}.when: no action of ${def.name} takes "${field}" (as an attribute, input field or managed argument), so it would never trigger; taken: ${[...takes].join(', ') || 'none'}.`);
        }
      }
    }
    const holds: unknown = invariant?.holds;
    if (holds === null || typeof holds !== 'object' || Array.isArray(holds)) {
      problems.push(`${where}.holds: give a condition on the record in the engine's where language (an object, e.g. { memberships: { some: {} } }).`);
    }
    if (typeof invariant?.message !== 'string' || invariant.message.trim() === '') {
      problems.push(`${where}.message: give the text a client sees when the check fails (what is wrong and how to fix it).`);
    }
    if (problems.length === before) result.push(Object.freeze({ when: Object.freeze([...invariant.when]), holds: invariant.holds, message: invariant.message }));
  }
  return result;
}
