/**
 * Reads a unique-constraint violation (Prisma P2002) raised through a driver
 * adapter. PGlite's adapter names the fields; node-postgres names the index
 * (`<Model>_<field>_<field>_key`, Prisma's naming), from which the fields are
 * recovered. Returns undefined for any other error.
 */
export function uniqueViolationFields(error: unknown): string[] | undefined {
  if (typeof error !== 'object' || error === null || (error as { code?: unknown }).code !== 'P2002') return undefined;
  const meta = (error as { meta?: UniqueViolationMeta }).meta;
  const constraint = meta?.driverAdapterError?.cause?.constraint;
  // Field names may come quoted as SQL identifiers ("itemId").
  if (constraint?.fields) return constraint.fields.map((field) => field.replace(/^"(.*)"$/, '$1'));
  const index = constraint?.index;
  const model = meta?.modelName;
  if (index && model && index.startsWith(`${model}_`) && index.endsWith('_key')) {
    return index.slice(model.length + 1, -'_key'.length).split('_');
  }
  return [];
}

interface UniqueViolationMeta {
  readonly modelName?: string;
  readonly driverAdapterError?: { readonly cause?: { readonly constraint?: { readonly fields?: readonly string[]; readonly index?: string } } };
}
