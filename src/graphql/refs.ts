import type { ImplementableObjectRef } from '@pothos/core';
import type { RecordState } from '../engine/record';
import type { Resource } from '../resource';
import type { Builder, Types } from './builder';

/** Object refs of every resource, created up front so types can refer to each other. */
export type ResourceRefs = ReadonlyMap<string, ImplementableObjectRef<Types, RecordState>>;

export function createResourceRefs(builder: Builder, resources: readonly Resource[]): ResourceRefs {
  return new Map(resources.map((r) => [r.name, builder.objectRef<RecordState>(r.name)]));
}

export function refOf(refs: ResourceRefs, name: string): ImplementableObjectRef<Types, RecordState> {
  const ref = refs.get(name);
  if (!ref) throw new Error(`No GraphQL type for resource "${name}".`);
  return ref;
}
