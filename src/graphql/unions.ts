import type { UnionRef } from '@pothos/core';
import type { RecordState } from '../engine/record';
import { RESOURCE_OF, type TaggedRecord } from '../loaders/polymorphic';
import type { Domain } from '../resource';
import type { Builder, Types } from './builder';
import { refOf, type ResourceRefs } from './refs';

/** Union types of polymorphic relationships, by union name. */
export type UnionRefs = ReadonlyMap<string, UnionRef<Types, RecordState, RecordState>>;

/** One union per polymorphic relationship: its members are the target resources' types. */
export function addUnions(builder: Builder, domain: Domain, refs: ResourceRefs): UnionRefs {
  const unions = new Map<string, UnionRef<Types, RecordState, RecordState>>();
  for (const resource of domain.resources) {
    for (const rel of resource.relationships) {
      if (rel.kind !== 'polymorphic') continue;
      unions.set(rel.unionName, builder.unionType(rel.unionName, {
        description: `A target of ${resource.name}.${rel.name}: one of ${rel.destinations.join(', ')}.`,
        types: rel.destinations.map((name) => refOf(refs, name)),
        resolveType: (record) => (record as TaggedRecord)[RESOURCE_OF],
      }));
    }
  }
  return unions;
}
