import type { ActionType, CustomActionOptions } from './actions';
import type { MaterializationDefinition, Upcaster } from './event-options';
import type { AttributeType } from './attributes';
import type { ManageInstructions, ManageType } from './manage';
import type { ManualLoad } from './manual';
import type { ParentCondition } from './parent-filter';
import type { ActionPolicy, Actor, PolicyWhere } from './policies';
import type { OnDestroy, PolymorphicStorage } from './relationships';

/**
 * The normalized, validated, frozen form of the definitions. Every layer after
 * the domain reads only these types; nothing re-parses a definition at run time.
 */

/** An attribute's default: a function of the mutation's clock. */
export type DefaultValue = (context: { readonly now: Date }) => unknown;

export interface Attribute {
  readonly name: string;
  readonly type: AttributeType;
  /** Non-null on every record. */
  readonly required: boolean;
  /** Produces the default value (given the mutation's clock), or undefined when there is none. */
  readonly defaultValue: DefaultValue | undefined;
  readonly public: boolean;
  readonly writable: boolean;
  /** Longest accepted string (string attributes only). */
  readonly maxLength: number | undefined;
  /** Allowed values (enum attributes only). */
  readonly values: readonly string[] | undefined;
  /** GraphQL enum name (enum attributes only). */
  readonly enumName: string | undefined;
  /** What each enum value means, by value (enum attributes only; any may be missing). */
  readonly valueDescriptions?: Readonly<Record<string, string | undefined>>;
  readonly description: string | undefined;
  /** Set by the framework (id, version, createdAt, updatedAt), never by input. */
  readonly system: boolean;
  /** Name of the belongsTo relationship this attribute is the key of. */
  readonly keyOf: string | undefined;
  /** An identity: unique across records, usable as a lookup key (`id` is one too). */
  readonly unique: boolean;
}

interface RelationshipBase {
  readonly name: string;
  readonly source: string;
  readonly public: boolean;
  readonly description: string | undefined;
}

export interface BelongsTo extends RelationshipBase {
  readonly kind: 'belongsTo';
  readonly destination: string;
  /** Key on the source record. */
  readonly sourceAttribute: string;
  /** Key on the destination record (its primary key). */
  readonly destinationAttribute: 'id';
  readonly required: boolean;
}

/** hasOne and hasMany: the destination holds the key (unique for hasOne). */
export interface HasOne extends RelationshipBase {
  readonly kind: 'hasOne';
  readonly destination: string;
  readonly sourceAttribute: 'id';
  /** Key on the destination record that points at the source. */
  readonly destinationAttribute: string;
  /** What destroying the source does to the destination records (a manyToMany's join relationship: the manyToMany's). */
  readonly onDestroy: OnDestroy;
}

export interface HasMany extends RelationshipBase {
  readonly kind: 'hasMany';
  readonly destination: string;
  readonly sourceAttribute: 'id';
  /** Key on the destination record that points at the source. */
  readonly destinationAttribute: string;
  /** What destroying the source does to the destination records (a manyToMany's join relationship: the manyToMany's). */
  readonly onDestroy: OnDestroy;
}

export interface ManyToMany extends RelationshipBase {
  readonly kind: 'manyToMany';
  readonly destination: string;
  /** The join resource. */
  readonly through: string;
  /** The hasMany from the source to the join records (declared with this relationship). */
  readonly joinRelationship: string;
  /** Key on the join resource pointing at the source. */
  readonly sourceAttributeOnJoinResource: string;
  /** Key on the join resource pointing at the destination. */
  readonly destinationAttributeOnJoinResource: string;
  /** The join resource's belongsTo to the destination (the one keyed by destinationAttributeOnJoinResource). */
  readonly joinDestinationRelationship: string;
  /** What destroying the source does to its join records (the same as its join relationship's). */
  readonly onDestroy: OnDestroy;
}

export interface NoAttributes extends RelationshipBase {
  readonly kind: 'noAttributes';
  readonly destination: string;
  readonly filter: readonly ParentCondition[];
}

export interface Manual extends RelationshipBase {
  readonly kind: 'manual';
  readonly destination: string;
  readonly cardinality: 'one' | 'many';
  readonly load: ManualLoad;
}

export interface Polymorphic extends RelationshipBase {
  readonly kind: 'polymorphic';
  readonly destinations: readonly string[];
  readonly storage: Required<PolymorphicStorage>;
  readonly unionName: string;
}

export type Relationship = BelongsTo | HasOne | HasMany | ManyToMany | NoAttributes | Manual | Polymorphic;

/** Relationships to one resource with a key, which filters and batched joins go through. */
export type KeyedRelationship = BelongsTo | HasOne | HasMany | ManyToMany;

/** An action argument that manages a relationship (see manage.ts). */
export interface ManagedArgument {
  readonly name: string;
  readonly relationship: string;
  readonly type: ManageType;
  /** The preset's instructions with explicit overrides applied. */
  readonly instructions: ManageInstructions;
  readonly valueIsKey: boolean;
  /** Keys that find an existing destination record: `id` and/or unique attributes. */
  readonly lookupBy: readonly string[];
  /** manyToMany: join resource attributes the input may set. */
  readonly joinAttributes: readonly string[];
  readonly description: string | undefined;
}

export interface Action {
  readonly name: string;
  readonly type: ActionType;
  /** Field names the action accepts as input: attributes (create / update), or its own input fields (custom). */
  readonly accept: readonly string[];
  /** custom: its input fields, typed like attributes (empty for the other types). */
  readonly inputByName: ReadonlyMap<string, Attribute>;
  /** custom: its logic. */
  readonly custom: Pick<CustomActionOptions, 'change' | 'validate' | 'references'> | undefined;
  /** Arguments managing relationships (create / update only). */
  readonly arguments: readonly ManagedArgument[];
  readonly description: string | undefined;
  /** create: the belongsTo set to the acting person when the input leaves its key out (see CreateActionOptions). */
  readonly relateActor: RelateActor | undefined;
}

export interface RelateActor {
  readonly relationship: string;
  /** Its key attribute (e.g. `ownerId`). */
  readonly attribute: string;
}

export interface Resource {
  readonly name: string;
  readonly pluralName: string;
  readonly model: string;
  readonly description: string | undefined;
  /** All attributes in declaration order: system fields first, then declared ones and relationship keys. */
  readonly attributes: readonly Attribute[];
  readonly attributeByName: ReadonlyMap<string, Attribute>;
  readonly relationships: readonly Relationship[];
  readonly relationshipByName: ReadonlyMap<string, Relationship>;
  readonly actions: readonly Action[];
  readonly actionByName: ReadonlyMap<string, Action>;
  /** Fields of the folded state kept only in events (no column), with their initial values. */
  readonly virtualFields: readonly VirtualField[];
  readonly materialization: MaterializationDefinition | undefined;
  readonly events: ResourceEvents;
  /** null: the resource declares no policies, so every actor may do everything. */
  readonly policies: ResourcePolicies | null;
  /** Checked after every action whose input gives one of their `when` fields, for every caller. */
  readonly invariants: readonly Invariant[];
}

/** A normalized InvariantDefinition. */
export interface Invariant {
  readonly when: readonly string[];
  readonly holds: PolicyWhere;
  readonly message: string;
}

export interface ResourcePolicies {
  /** null: every row is readable. */
  readonly read: ((actor: Actor) => PolicyWhere) | null;
  /** An action missing here is denied. */
  readonly actions: ReadonlyMap<string, ActionPolicy>;
  /** By action, then by attribute or managed argument: what changing that field also needs. */
  readonly changes: ReadonlyMap<string, ReadonlyMap<string, ActionPolicy>>;
}

export interface VirtualField {
  readonly name: string;
  readonly default: () => unknown;
  readonly description: string | undefined;
}

export interface ResourceEvents {
  readonly payloadVersion: number;
  /** By the version each upgrades from. */
  readonly upcasters: ReadonlyMap<number, Upcaster>;
  /** 0: never. */
  readonly snapshotEvery: number;
  readonly linkTypes: readonly string[];
}
