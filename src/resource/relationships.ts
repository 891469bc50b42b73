/**
 * Relationship builders (Ash semantics). Destinations are named by resource
 * name, so resources can refer to each other without import cycles; the domain
 * checks that every destination exists.
 */
import type { ManualLoad } from './manual';
import type { ParentFilter } from './parent-filter';

interface CommonOptions {
  public?: boolean;
  description?: string;
}

export interface BelongsToOptions extends CommonOptions {
  /** Key attribute on this resource (defined by the relationship). Default `<name>Id`. */
  attribute?: string;
  /** Whether the key must be set (default true). */
  required?: boolean;
  /** Whether create / update accept the key attribute directly (default true). */
  attributeWritable?: boolean;
}

/**
 * What destroying a record does to the records that point at it through a
 * relationship (Ash `cascade_destroy`, a foreign key's ON DELETE):
 * - `restrict`: the destroy is CONFLICT while any exist;
 * - `cascade`: each is destroyed with its resource's destroy action, as its
 *   own event caused by the root mutation's, in the same transaction, and its
 *   own relationships' onDestroy apply in turn;
 * - `nullify`: each is updated with its resource's update action to clear the
 *   key (which must be optional), as its own event.
 */
export type OnDestroy = 'restrict' | 'cascade' | 'nullify';

export const ON_DESTROY: readonly OnDestroy[] = ['restrict', 'cascade', 'nullify'];

export interface HasManyOptions extends CommonOptions {
  /** Key attribute on the destination that points back here. Default `<sourceName>Id` (camelCase). */
  destinationAttribute?: string;
  /** What destroying this record does to the destination records (see OnDestroy). Default `restrict`. */
  onDestroy?: OnDestroy;
}

/** hasOne: the destination holds a unique key pointing back here. */
export interface HasOneOptions extends HasManyOptions {}

export interface ManyToManyOptions extends CommonOptions {
  /** The join resource: one record per link, with attributes of its own (e.g. `role`). */
  through: string;
  /** Key on the join resource pointing at this resource. Default `<sourceName>Id`. */
  sourceAttributeOnJoinResource?: string;
  /** Key on the join resource pointing at the destination. Default `<destinationName>Id`. */
  destinationAttributeOnJoinResource?: string;
  /**
   * Name of the hasMany from this resource to the join records (declared for
   * you unless you declare it): how join attributes are read. Default: the
   * join resource's plural name.
   */
  joinRelationship?: string;
  /**
   * What destroying this record does to its join records (see OnDestroy);
   * the destination records are never touched. Default `cascade`: a link
   * goes with either end. Also the onDestroy of the join relationship.
   */
  onDestroy?: OnDestroy;
}

export interface NoAttributesOptions extends CommonOptions {
  /**
   * Which destination records are related, in terms of the parent record
   * (Ash `parent(...)`), e.g. `{ priority: { gt: parent('priority') } }`.
   */
  filter: ParentFilter;
}

export interface ManualOptions extends CommonOptions {
  /** `one`: the field is a nullable record; `many` (default): a list. */
  cardinality?: 'one' | 'many';
  /** Called once per batch with every parent record; see `ManualLoad`. */
  load: ManualLoad;
}

export interface PolymorphicStorage {
  /** Prisma model holding one row per (source, target type, target id). */
  model: string;
  /** Column with the source record's id. */
  sourceAttribute: string;
  /** Column with the target resource's name. */
  typeAttribute: string;
  /** Column with the target record's id. */
  idAttribute: string;
  /** Column giving the order of the targets (then target id). */
  orderAttribute?: string;
}

export interface PolymorphicOptions extends CommonOptions {
  storage: PolymorphicStorage;
  /** GraphQL union name. Default `<Source><Relationship>Target`. */
  unionName?: string;
}

export type RelationshipDefinition =
  | { readonly kind: 'belongsTo'; readonly destination: string; readonly options: BelongsToOptions }
  | { readonly kind: 'hasOne'; readonly destination: string; readonly options: HasOneOptions }
  | { readonly kind: 'hasMany'; readonly destination: string; readonly options: HasManyOptions }
  | { readonly kind: 'manyToMany'; readonly destination: string; readonly options: ManyToManyOptions }
  | { readonly kind: 'noAttributes'; readonly destination: string; readonly options: NoAttributesOptions }
  | { readonly kind: 'manual'; readonly destination: string; readonly options: ManualOptions }
  | { readonly kind: 'polymorphic'; readonly destinations: readonly string[]; readonly options: PolymorphicOptions };

export const relationship = {
  belongsTo: (destination: string, options: BelongsToOptions = {}): RelationshipDefinition =>
    Object.freeze({ kind: 'belongsTo', destination, options: { ...options } }),
  hasOne: (destination: string, options: HasOneOptions = {}): RelationshipDefinition =>
    Object.freeze({ kind: 'hasOne', destination, options: { ...options } }),
  hasMany: (destination: string, options: HasManyOptions = {}): RelationshipDefinition =>
    Object.freeze({ kind: 'hasMany', destination, options: { ...options } }),
  manyToMany: (destination: string, options: ManyToManyOptions): RelationshipDefinition =>
    Object.freeze({ kind: 'manyToMany', destination, options: { ...options } }),
  /** Related by a filter on the parent's values instead of a key (Ash `no_attributes?: true`). */
  noAttributes: (destination: string, options: NoAttributesOptions): RelationshipDefinition =>
    Object.freeze({ kind: 'noAttributes', destination, options: { ...options } }),
  /** Loaded by your own function, once per batch of parents. */
  manual: (destination: string, options: ManualOptions): RelationshipDefinition =>
    Object.freeze({ kind: 'manual', destination, options: { ...options } }),
  /** (target type, target id) pairs resolving to records of several resources (a GraphQL union). */
  polymorphic: (destinations: readonly string[], options: PolymorphicOptions): RelationshipDefinition =>
    Object.freeze({ kind: 'polymorphic', destinations: [...destinations], options: { ...options } }),
};
