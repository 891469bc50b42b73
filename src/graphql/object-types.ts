import type { RecordState } from '../engine/record';
import { relationQuery, type RelationArgs } from '../engine/relation-query';
import { stableJson } from '../util/stable-json';
import { guarded } from './errors';
import { filterName } from './filters';
import { sortName } from './sorts';
import type { Attribute, Domain, Relationship } from '../resource';
import type { Builder, RecordFieldBuilder as FieldBuilder } from './builder';
import { refOf, type ResourceRefs } from './refs';
import { scalarTypeName } from './type-names';

const SYSTEM_DESCRIPTIONS: Record<string, string> = {
  id: 'Unique id (UUIDv7).',
  version: 'Number of events applied to this record; pass it as `expectedVersion` to update or destroy safely.',
  createdAt: 'When the record was created (time of its first event).',
  updatedAt: 'When the record last changed (time of its latest event).',
};

/** The object type of every resource: system fields, public attributes, public relationships. */
export function addObjectTypes(builder: Builder, domain: Domain, refs: ResourceRefs): void {
  for (const resource of domain.resources) {
    refOf(refs, resource.name).implement({
      description: resource.description,
      fields: (t) => {
        const fields: Record<string, unknown> = {};
        for (const attribute of resource.attributes) {
          if (attribute.public) fields[attribute.name] = attributeField(t, attribute);
        }
        for (const rel of resource.relationships) {
          if (rel.public) fields[rel.name] = relationshipField(t, domain, refs, rel);
        }
        return fields as never;
      },
    });
  }
}

function attributeField(t: FieldBuilder, attribute: Attribute) {
  return t.field({
    type: scalarTypeName(attribute) as 'String',
    nullable: !attribute.required,
    description: attribute.description ?? SYSTEM_DESCRIPTIONS[attribute.name],
    resolve: (record: RecordState) => record[attribute.name] as never,
  });
}

function relationshipField(t: FieldBuilder, domain: Domain, refs: ResourceRefs, rel: Relationship) {
  const type = refOf(refs, rel.destination);
  if (rel.kind === 'belongsTo') {
    return t.field({
      type,
      // Typed as nullable so the resolver may return null; the schema uses the real flag.
      nullable: !rel.required as true,
      description: rel.description,
      resolve: (record: RecordState, _args, ctx) => {
        const key = record[rel.sourceAttribute] as string | null;
        return key ? ctx.loaders.byId(rel.destination).load(key) : null;
      },
    });
  }
  const destination = domain.resource(rel.destination);
  return t.field({
    type: [type],
    nullable: { list: false, items: false },
    description: rel.description,
    args: {
      filter: t.arg({ type: filterName(destination) as never, description: 'Only related records matching this filter.' }),
      sort: t.arg({ type: [sortName(destination)] as never, description: 'Order of the related records (default: creation order).' }),
      limit: t.arg.int({ description: 'At most this many related records per parent.' }),
      offset: t.arg.int({ description: 'Skip this many related records per parent.' }),
    },
    resolve: (record: RecordState, args: RelationArgs, ctx) =>
      guarded(async () => {
        const query = relationQuery(ctx.domain, rel, args, ctx.limits.maxPageSize);
        return ctx.loaders.hasMany(rel, query, stableJson(args)).load(record.id);
      }),
  });
}
