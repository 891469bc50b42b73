/**
 * Reads a constraint violation raised by the driver itself (node-postgres or
 * PGlite, both report PostgreSQL's error fields): SQLSTATE 23503 (foreign
 * key) or 23505 (unique), and the columns from the detail
 * `Key (workspaceId)=(...) is not present in table "Workspace".`.
 * Returns undefined for any other error.
 */
export interface DriverConstraintViolation {
  readonly kind: 'foreignKey' | 'unique';
  readonly columns: readonly string[];
}

export function driverConstraintViolation(error: unknown): DriverConstraintViolation | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, detail } = error as { code?: unknown; detail?: unknown };
  if (code !== '23503' && code !== '23505') return undefined;
  const match = typeof detail === 'string' ? /^Key \(([^)]*)\)=/.exec(detail) : null;
  const columns = match ? match[1]!.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1')) : [];
  return { kind: code === '23503' ? 'foreignKey' : 'unique', columns };
}
