import type { ActionType } from './actions';
import type { AttributeType } from './attributes';

/**
 * The normalized, validated, frozen form of the definitions. Every layer after
 * the domain reads only these types; nothing re-parses a definition at run time.
 */

export interface Attribute {
  readonly name: string;
  readonly type: AttributeType;
  /** Non-null on every record. */
  readonly required: boolean;
  /** Produces the default value, or undefined when there is none. */
  readonly defaultValue: (() => unknown) | undefined;
  readonly public: boolean;
  readonly writable: boolean;
  /** Longest accepted string (string attributes only). */
  readonly maxLength: number | undefined;
  /** Allowed values (enum attributes only). */
  readonly values: readonly string[] | undefined;
  /** GraphQL enum name (enum attributes only). */
  readonly enumName: string | undefined;
  readonly description: string | undefined;
  /** Set by the framework (id, version, createdAt, updatedAt), never by input. */
  readonly system: boolean;
  /** Name of the belongsTo relationship this attribute is the key of. */
  readonly keyOf: string | undefined;
}

export interface BelongsTo {
  readonly kind: 'belongsTo';
  readonly name: string;
  readonly source: string;
  readonly destination: string;
  /** Key on the source record. */
  readonly sourceAttribute: string;
  /** Key on the destination record (its primary key). */
  readonly destinationAttribute: 'id';
  readonly required: boolean;
  readonly public: boolean;
  readonly description: string | undefined;
}

export interface HasMany {
  readonly kind: 'hasMany';
  readonly name: string;
  readonly source: string;
  readonly destination: string;
  readonly sourceAttribute: 'id';
  /** Key on the destination record that points at the source. */
  readonly destinationAttribute: string;
  readonly public: boolean;
  readonly description: string | undefined;
}

export type Relationship = BelongsTo | HasMany;

export interface Action {
  readonly name: string;
  readonly type: ActionType;
  /** Attribute names the action accepts as input (create / update only). */
  readonly accept: readonly string[];
  readonly description: string | undefined;
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
}
