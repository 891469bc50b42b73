/**
 * Relationship builders (Ash semantics). Destinations are named by resource
 * name, so resources can refer to each other without import cycles; the domain
 * checks that every destination exists.
 */

export interface BelongsToOptions {
  /** Key attribute on this resource (defined by the relationship). Default `<name>Id`. */
  attribute?: string;
  /** Whether the key must be set (default true). */
  required?: boolean;
  /** Whether create / update accept the key attribute directly (default true). */
  attributeWritable?: boolean;
  public?: boolean;
  description?: string;
}

export interface HasManyOptions {
  /** Key attribute on the destination that points back here. Default `<sourceName>Id` (camelCase). */
  destinationAttribute?: string;
  public?: boolean;
  description?: string;
}

export type RelationshipDefinition =
  | { readonly kind: 'belongsTo'; readonly destination: string; readonly options: BelongsToOptions }
  | { readonly kind: 'hasMany'; readonly destination: string; readonly options: HasManyOptions };

export const relationship = {
  belongsTo: (destination: string, options: BelongsToOptions = {}): RelationshipDefinition =>
    Object.freeze({ kind: 'belongsTo', destination, options: { ...options } }),
  hasMany: (destination: string, options: HasManyOptions = {}): RelationshipDefinition =>
    Object.freeze({ kind: 'hasMany', destination, options: { ...options } }),
};
