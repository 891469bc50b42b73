import type { ActionError } from './errors';

/**
 * An action's errors in the order of the input they point at (stable): path
 * by path, a list index by its number, a field by its place in the input
 * object at that level; a field the input does not give (`id`, `input`, a
 * missing required attribute) comes before the given ones, a path before the
 * paths under it. Errors at the same path keep the order they were found in.
 * `input` is the action's input; every error's path starts with `prefix`
 * (where that input sits in the request).
 */
export function orderErrors(errors: readonly ActionError[], input: unknown, prefix: readonly string[] = []): ActionError[] {
  const keyed = errors.map((error, found) => ({ error, found, rank: rankOf(input, error.path.slice(prefix.length)) }));
  keyed.sort((a, b) => compareRanks(a.rank, b.rank) || a.found - b.found);
  return keyed.map((k) => k.error);
}

/** The position of each step of `path` within the input at its level (-1: not in the input). */
function rankOf(input: unknown, path: readonly string[]): number[] {
  const rank: number[] = [];
  let level: unknown = input;
  for (const step of path) {
    if (Array.isArray(level)) rank.push(/^\d+$/.test(step) ? Number(step) : -1);
    else if (level !== null && typeof level === 'object') rank.push(Object.keys(level).indexOf(step));
    else rank.push(-1);
    level = level !== null && typeof level === 'object' ? (level as Record<string, unknown>)[step] : undefined;
  }
  return rank;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
