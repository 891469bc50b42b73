import type { BelongsTo, Domain, Resource } from '../resource';
import type { RecordState } from './record';

/**
 * Orders for writing materialized tables whose foreign keys RESTRICT: derived
 * from the domain's belongsTo relationships, never from table names.
 */

/**
 * The domain's resources, parents before children: every belongsTo target
 * comes before the resource holding the key (Workspace before Item before
 * Comment). Ties keep the domain's declaration order. A belongsTo to the
 * resource itself is left to `parentsFirst`; a cycle between resources throws
 * (no insert order could satisfy it).
 */
export function insertOrder(domain: Domain): Resource[] {
  const ordered: Resource[] = [];
  const placed = new Set<string>();
  let pending = [...domain.resources];
  while (pending.length > 0) {
    const ready = pending.filter((r) => parentsOf(r).every((parent) => placed.has(parent)));
    if (ready.length === 0) {
      throw new Error(`belongsTo relationships form a cycle between ${pending.map((r) => r.name).join(', ')}: no insert order satisfies their foreign keys.`);
    }
    for (const resource of ready) {
      ordered.push(resource);
      placed.add(resource.name);
    }
    pending = pending.filter((r) => !placed.has(r.name));
  }
  return ordered;
}

/**
 * The records of one resource in an order its own rows can be inserted in,
 * batch by batch: a record whose self-referencing belongsTo key (a parent
 * item) names another of these records comes after it. Resources without such
 * a key keep the given order.
 */
export function parentsFirst(resource: Resource, states: readonly RecordState[]): RecordState[] {
  const keys = selfKeys(resource);
  if (keys.length === 0) return [...states];
  const byId = new Map(states.map((s) => [s.id, s]));
  const parentsIn = (state: RecordState): RecordState[] =>
    keys.map((key) => byId.get(state[key] as string)).filter((p): p is RecordState => p !== undefined && p.id !== state.id);
  const done = new Set<string>();
  const ordered: RecordState[] = [];
  for (const start of states) {
    if (done.has(start.id)) continue;
    // Depth-first, post-order, with an explicit stack (parent chains may be long).
    const stack = [{ state: start, parents: parentsIn(start) }];
    const onPath = new Set([start.id]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const parent = top.parents.pop();
      if (parent === undefined) {
        stack.pop();
        onPath.delete(top.state.id);
        done.add(top.state.id);
        ordered.push(top.state);
      } else if (!done.has(parent.id)) {
        if (onPath.has(parent.id)) throw new Error(`${resource.name} ${parent.id} is its own ancestor through ${keys.join(' / ')}: no insert order satisfies the foreign key.`);
        onPath.add(parent.id);
        stack.push({ state: parent, parents: parentsIn(parent) });
      }
    }
  }
  return ordered;
}

/** belongsTo targets of a resource, other than itself. */
const parentsOf = (resource: Resource): string[] =>
  belongsTos(resource).map((rel) => rel.destination).filter((name) => name !== resource.name);

/** Key attributes of belongsTo relationships from a resource to itself. */
const selfKeys = (resource: Resource): string[] =>
  belongsTos(resource).filter((rel) => rel.destination === resource.name).map((rel) => rel.sourceAttribute);

const belongsTos = (resource: Resource): BelongsTo[] => resource.relationships.filter((rel): rel is BelongsTo => rel.kind === 'belongsTo');
