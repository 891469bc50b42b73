/**
 * How many nested entries a mutation's input holds: every list element and
 * every object given as a field's value, below the top level of the input
 * and at any depth (a comment in `comments: [...]`, a member in `members`,
 * an inline `workspace: {...}`, a nested create's own entries, a bare id in
 * `dependencies: [...]`). Counting stops once it passes `limit`, so an
 * enormous input costs no more than the limit to refuse.
 */
export function countNestedEntries(input: unknown, limit: number): number {
  let count = 0;
  const pending: unknown[] = [input];
  while (pending.length > 0 && count <= limit) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      count += value.length;
      for (const element of value) if (element !== null && typeof element === 'object') pending.push(element);
    } else if (value !== null && typeof value === 'object') {
      for (const field of Object.values(value)) {
        if (field === null || typeof field !== 'object') continue;
        if (!Array.isArray(field)) count += 1;
        pending.push(field);
      }
    }
  }
  return count;
}
