/**
 * The contract of a manual relationship's loader (Ash manual relationships).
 *
 * `load` is called ONCE per batch with every parent record the request needs
 * (never per parent) and returns the related records grouped by the parent's
 * id. A parent missing from the map has no related records; a parent mapped
 * to an `Error` fails alone (its field is an error, the others still load).
 *
 * `where` and `orderBy` are the field's `filter` and `sort` arguments,
 * already checked and translated for the destination model: apply them in
 * your query. `limit` / `offset` are applied per parent by the framework to
 * what you return, so return all matches per parent, in `orderBy` order.
 */
export interface ManualLoadContext<TDatabase = unknown> {
  /** The field's arguments as the client sent them. */
  readonly args: Readonly<Record<string, unknown>>;
  /**
   * Prisma `where` for destination records: the field's `filter` AND the
   * destination's read filter for the actor (see PoliciesDefinition). Apply
   * it: a `load` that ignores it returns records the actor may not read.
   * `contains` / `startsWith` values have LIKE's `%`, `_` and `\` escaped with
   * a backslash (Prisma's LIKE uses it), so they match literally.
   */
  readonly where: Readonly<Record<string, unknown>>;
  /** Prisma `orderBy` for destination records (from `sort`, ending with `id`). */
  readonly orderBy: readonly Readonly<Record<string, 'asc' | 'desc'>>[];
  /** The request's database client (a Prisma client). */
  readonly db: TDatabase;
  /** Who is asking (null when anonymous). */
  readonly actor: string | null;
}

export type ManualRecord = { readonly id: string } & Readonly<Record<string, unknown>>;

export interface ManualLoad {
  // Method syntax on purpose: an app may narrow `context` to its own database type.
  (records: readonly ManualRecord[], context: ManualLoadContext): Promise<ReadonlyMap<string, readonly ManualRecord[] | Error>>;
}
