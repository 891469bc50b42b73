import type { BelongsTo, HasOne, KeyedRelationship, Relationship } from './normalized';

/** Relationships reached through keys, which filters (and batched joins) can go through. */
export const isKeyed = (rel: Relationship): rel is KeyedRelationship =>
  rel.kind === 'belongsTo' || rel.kind === 'hasOne' || rel.kind === 'hasMany' || rel.kind === 'manyToMany';

/** Keyed relationships to at most one record. */
export const isToOneKeyed = (rel: Relationship): rel is BelongsTo | HasOne => rel.kind === 'belongsTo' || rel.kind === 'hasOne';
