/**
 * A read request the client got wrong (bad cursor, page size out of range,
 * malformed id). The GraphQL layer turns it into an error with this code and
 * the argument path.
 */
export class InvalidQueryInput extends Error {
  readonly code = 'INVALID_INPUT';
  constructor(message: string, readonly path: readonly string[]) {
    super(message);
    this.name = 'InvalidQueryInput';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

export function assertUuid(value: string, path: readonly string[]): string {
  if (!isUuid(value)) throw new InvalidQueryInput(`Expected a UUID but got: ${JSON.stringify(value)}.`, path);
  return value.toLowerCase();
}
