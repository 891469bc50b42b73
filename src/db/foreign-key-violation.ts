/**
 * Reads a foreign-key violation raised through a driver adapter (Prisma
 * P2003 for a model query, P2010 with a ForeignKeyConstraintViolation for a
 * raw one): the key columns, from the constraint's name
 * (`<Model>_<field>_fkey`, Prisma's naming) or the fields the adapter gives,
 * and whether the refused statement was a delete (a row still pointed at)
 * or an insert / update (a key to a row that is gone). Undefined for any
 * other error.
 */
export interface ForeignKeyViolation {
  readonly fields: readonly string[];
  /** The referenced row is still pointed at (a delete), rather than missing (an insert or update). */
  readonly stillReferenced: boolean;
}

export function foreignKeyViolation(error: unknown): ForeignKeyViolation | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, meta } = error as { code?: unknown; meta?: ForeignKeyMeta };
  const cause = meta?.driverAdapterError?.cause;
  if (code !== 'P2003' && !(code === 'P2010' && cause?.kind === 'ForeignKeyConstraintViolation')) return undefined;
  const index = cause?.constraint?.index;
  const fields = cause?.constraint?.fields?.map((field) => field.replace(/^"(.*)"$/, '$1'))
    ?? (index?.endsWith('_fkey') ? [index.slice(index.indexOf('_') + 1, -'_fkey'.length)] : []);
  return { fields, stillReferenced: /^update or delete on table/.test(cause?.originalMessage ?? '') };
}

interface ForeignKeyMeta {
  readonly driverAdapterError?: {
    readonly cause?: { readonly kind?: string; readonly originalMessage?: string; readonly constraint?: { readonly fields?: readonly string[]; readonly index?: string } };
  };
}
