/**
 * Thrown when definitions are invalid. Lists every problem at once, each
 * prefixed with `Resource.field`, so one run shows everything to fix.
 */
export class DomainDefinitionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid resource definitions (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${problems.join('\n- ')}`);
    this.name = 'DomainDefinitionError';
  }
}
