import type { InterfaceRef } from '@pothos/core';
import { decodePayload } from '../engine/record';
import type { RecordState } from '../engine/record';
import { assertUuid } from '../engine/query-errors';
import { selectAnyById, type AnyByIdRow } from '../engine/sql/select-any-by-id';
import { RESOURCE_OF, type TaggedRecord } from '../loaders/polymorphic';
import type { Domain } from '../resource';
import type { Builder, Types } from './builder';
import { guarded } from './errors';

export type NodeRef = InterfaceRef<Types, RecordState, RecordState>;

/**
 * Relay's `interface Node { id: ID! }`, implemented by every resource type
 * (see `addObjectTypes`). Record ids are UUIDs minted by the engine, unique
 * across resources, so a record's `id` is its global id as it is.
 */
export function addNodeInterface(builder: Builder): NodeRef {
  return builder.interfaceRef<RecordState>('Node').implement({
    description: 'A record of any resource, found by its id alone (Relay global object identification).',
    fields: (t) => ({
      id: t.id({ description: 'Unique id across every resource (UUIDv7).', resolve: (record) => record.id }),
    }),
    // Only `node` returns the interface, and it tags what it returns with its resource.
    resolveType: (record) => (record as TaggedRecord)[RESOURCE_OF],
  });
}

/**
 * `node(id: ID!): Node`: the record with this id, whatever its resource, or
 * null when there is none or the actor may not read it (the two look the
 * same). One statement (see `selectAnyById`).
 */
export function addNodeQuery(builder: Builder, domain: Domain, node: NodeRef): void {
  builder.queryField('node', (t) =>
    t.field({
      type: node,
      nullable: true,
      description: 'The record with this id, of any type, or null when there is none the actor may read.',
      args: { id: t.arg.id({ required: true, description: 'Id of the record (any resource).' }) },
      resolve: (_root, args, ctx) =>
        guarded(async () => {
          const id = assertUuid(String(args.id), ['id']);
          const statement = selectAnyById(ctx.domain, id, (resource) => ctx.authorization.readWhere(resource));
          const [found] = await ctx.sql.query<AnyByIdRow & Record<string, unknown>>(statement.text, statement.values);
          if (!found) return null;
          const record = decodePayload(domain.resource(found.resource), found.record as never) as RecordState;
          return { ...record, [RESOURCE_OF]: found.resource } as TaggedRecord;
        }),
    }),
  );
}
