/** Public API of the definition layer. Imports neither Prisma nor GraphQL. */
export { action, type ActionDefinition, type ActionType } from './actions';
export { attribute, type AttributeDefinition, type AttributeType } from './attributes';
export { defineResource, type RecordOf, type ResourceDefinition, type SystemFields } from './define';
export { defineDomain, DEFAULT_MAX_STRING_LENGTH, type Domain, type DomainOptions } from './domain';
export { DomainDefinitionError } from './errors';
export type { Action, Attribute, BelongsTo, HasMany, Relationship, Resource } from './normalized';
export { relationship, type BelongsToOptions, type HasManyOptions, type RelationshipDefinition } from './relationships';
