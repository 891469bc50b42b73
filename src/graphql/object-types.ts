import type { RecordState } from '../engine/record';
import type { Attribute, Domain, Resource } from '../resource';
import type { Builder, RecordFieldBuilder as FieldBuilder } from './builder';
import type { NodeRef } from './node';
import { refOf, type ResourceRefs } from './refs';
import { relationshipField } from './relationship-fields';
import type { UnionRefs } from './unions';
import { scalarTypeName } from './type-names';

const SYSTEM_DESCRIPTIONS: Record<string, string> = {
  id: 'Unique id (UUIDv7).',
  version: 'Number of events applied to this record; pass it as `expectedVersion` to update or destroy safely.',
  createdAt: 'When the record was created (time of its first event).',
  updatedAt: 'When the record last changed (time of its latest event).',
};

/** The object type of every resource, a `Node`: system fields, public attributes, public relationships. */
export function addObjectTypes(builder: Builder, domain: Domain, refs: ResourceRefs, unions: UnionRefs, node: NodeRef): void {
  for (const resource of domain.resources) {
    refOf(refs, resource.name).implement({
      interfaces: [node],
      description: resource.description ?? `A ${resource.name} record.`,
      fields: (t) => {
        const fields: Record<string, unknown> = {};
        for (const attribute of resource.attributes) {
          if (attribute.public) fields[attribute.name] = attributeField(t, resource, attribute);
        }
        for (const rel of resource.relationships) {
          if (rel.public) fields[rel.name] = relationshipField(t, domain, refs, unions, rel);
        }
        return fields as never;
      },
    });
  }
}

function attributeField(t: FieldBuilder, resource: Resource, attribute: Attribute) {
  return t.field({
    type: scalarTypeName(attribute) as 'String',
    nullable: !attribute.required,
    description: attribute.description ?? SYSTEM_DESCRIPTIONS[attribute.name] ?? `The ${resource.name}'s ${attribute.name}.`,
    resolve: (record: RecordState) => record[attribute.name] as never,
  });
}
