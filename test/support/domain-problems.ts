import { DomainDefinitionError } from '../../src/resource';

/** The problems a domain definition is rejected with; [] when it is accepted. */
export function problemsOf(build: () => unknown): readonly string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof DomainDefinitionError) return error.problems;
    throw error;
  }
  return [];
}
