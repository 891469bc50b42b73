import type { ActionDefinition } from './actions';
import type { AttributeDefinition } from './attributes';
import type { EventOptions, MaterializationDefinition, VirtualFieldDefinition } from './event-options';
import type { InvariantDefinition } from './invariants';
import type { PoliciesDefinition } from './policies';
import type { RelationshipDefinition } from './relationships';

/** What an application author writes for one resource. */
export interface ResourceDefinition<
  TName extends string = string,
  TAttributes extends Record<string, AttributeDefinition> = Record<string, AttributeDefinition>,
> {
  /** GraphQL type name and event `resource` value, PascalCase (e.g. `Item`). */
  readonly name: TName;
  /** Plural used for list queries (e.g. `items`); default: camelCase name + `s`. */
  readonly pluralName?: string;
  /** Prisma model that holds the materialized rows; default: `name`. */
  readonly model?: string;
  readonly description?: string;
  readonly attributes: TAttributes;
  readonly relationships?: Record<string, RelationshipDefinition>;
  /** Actions by name; default: create, update and destroy. */
  readonly actions?: Record<string, ActionDefinition>;
  /** Fields kept only in events and the folded state (no column); custom actions change them. */
  readonly virtualFields?: Readonly<Record<string, VirtualFieldDefinition>>;
  /** Tables rebuilt from the state whenever the record is materialized (see MaterializationDefinition). */
  readonly materialization?: MaterializationDefinition;
  /** Payload versions and upcasters, snapshots, event link types. */
  readonly events?: EventOptions;
  /** Who may read which records and run which actions (see PoliciesDefinition). */
  readonly policies?: PoliciesDefinition;
  /** Rules the record keeps after every action that touches them, whoever writes (see InvariantDefinition). */
  readonly invariants?: readonly InvariantDefinition[];
}

/** Declares a resource. Returns the definition unchanged (frozen), typed for inference. */
export function defineResource<const TName extends string, TAttributes extends Record<string, AttributeDefinition>>(
  definition: ResourceDefinition<TName, TAttributes>,
): ResourceDefinition<TName, TAttributes> {
  return Object.freeze({ ...definition });
}

type ValueOf<A> = A extends AttributeDefinition<infer V, infer R> ? (R extends true ? V : V | null) : never;

/** Fields every record carries, maintained by the framework. */
export interface SystemFields {
  id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The shape of a materialized record of resource `R` (key attributes of relationships excluded). */
export type RecordOf<R extends ResourceDefinition> = SystemFields & {
  -readonly [K in keyof R['attributes']]: ValueOf<R['attributes'][K]>;
};
