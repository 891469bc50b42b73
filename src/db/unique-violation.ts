/**
 * Reads a unique-constraint violation raised through a driver adapter: by a
 * model query (Prisma P2002) or a raw one (P2010 whose adapter error is a
 * UniqueConstraintViolation). PGlite's adapter names the fields; node-postgres names the index
 * (`<Model>_<field>_<field>_key`, Prisma's naming), from which the fields are
 * recovered. Returns undefined for any other error.
 */
export function uniqueViolationFields(error: unknown): string[] | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, meta } = error as { code?: unknown; meta?: UniqueViolationMeta };
  const cause = meta?.driverAdapterError?.cause;
  if (code !== 'P2002' && !(code === 'P2010' && cause?.kind === 'UniqueConstraintViolation')) return undefined;
  const constraint = cause?.constraint;
  // Field names may come quoted as SQL identifiers ("itemId").
  if (constraint?.fields) return constraint.fields.map((field) => field.replace(/^"(.*)"$/, '$1'));
  const index = constraint?.index;
  const model = meta?.modelName ?? cause?.table;
  if (index && model && index.startsWith(`${model}_`) && index.endsWith('_key')) {
    return index.slice(model.length + 1, -'_key'.length).split('_');
  }
  return [];
}

interface UniqueViolationMeta {
  readonly modelName?: string;
  readonly driverAdapterError?: {
    readonly cause?: { readonly kind?: string; readonly table?: string; readonly constraint?: { readonly fields?: readonly string[]; readonly index?: string } };
  };
}
