/** Public API of the definition layer. Imports neither Prisma nor GraphQL. */
export {
  action, type ActionDefinition, type ActionOptions, type ActionType, type CreateActionOptions, type CustomActionOptions, type CustomActionProblem, type EventFacts, type InputReference, type StateView,
} from './actions';
export type { EventOptions, MaterializationDefinition, Upcaster, VirtualFieldDefinition } from './event-options';
export { attribute, type AttributeDefinition, type AttributeType, type DefaultContext } from './attributes';
export { defineResource, type RecordOf, type ResourceDefinition, type SystemFields } from './define';
export { defineDomain, DEFAULT_MAX_STRING_LENGTH, type Domain, type DomainOptions } from './domain';
export { DomainDefinitionError } from './errors';
export type { InvariantDefinition } from './invariants';
export {
  manage, MANAGE_PRESETS, resolveInstructions, type ManageInstructions, type ManageOptions, type ManageType, type ManagedArgumentDefinition,
  type OnLookup, type OnMatch, type OnMissing, type OnNoMatch,
} from './manage';
export type { ManualLoad, ManualLoadContext, ManualRecord } from './manual';
export type {
  Action, Attribute, BelongsTo, Invariant, RelateActor, ResourceEvents, VirtualField, ManagedArgument, HasMany, HasOne, KeyedRelationship, Manual, ManyToMany, NoAttributes, Polymorphic, Relationship, Resource, ResourcePolicies,
} from './normalized';
export type { ActionPolicy, ActionPolicyContext, Actor, PoliciesDefinition, PolicyWhere, Via } from './policies';
export { isParentRef, parent, parentConditions, type ParentCondition, type ParentFilter, type ParentRef } from './parent-filter';
export {
  relationship, ON_DESTROY, type BelongsToOptions, type OnDestroy, type HasManyOptions, type HasOneOptions, type ManualOptions, type ManyToManyOptions,
  type NoAttributesOptions, type PolymorphicOptions, type PolymorphicStorage, type RelationshipDefinition,
} from './relationships';
export { isKeyed, isToOneKeyed } from './relationship-kinds';
