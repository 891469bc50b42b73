import { attribute, defineResource, parent, relationship } from '../../resource';

export const Item = defineResource({
  name: 'Item',
  description: 'A unit of work tracked in a workspace.',
  attributes: {
    title: attribute.string({ required: true, maxLength: 500, description: 'Short summary of the work.' }),
    priority: attribute.int({ required: true, default: 0, description: 'Higher is more urgent.' }),
    status: attribute.enum(['OPEN', 'DONE'], { required: true, default: 'OPEN', enumName: 'ItemStatus' }),
  },
  relationships: {
    workspace: relationship.belongsTo('Workspace', { description: 'The workspace this item belongs to.' }),
    comments: relationship.hasMany('Comment', { description: 'Discussion on this item.' }),
    members: relationship.manyToMany('Member', {
      through: 'ItemMember',
      joinRelationship: 'memberships',
      description: 'Members working on this item (their roles: `memberships`).',
    }),
    dependencies: relationship.manyToMany('Item', {
      through: 'ItemDependency',
      sourceAttributeOnJoinResource: 'itemId',
      destinationAttributeOnJoinResource: 'dependsOnId',
      joinRelationship: 'dependencyLinks',
      description: 'Items that must be done before this one.',
    }),
    dependents: relationship.manyToMany('Item', {
      through: 'ItemDependency',
      sourceAttributeOnJoinResource: 'dependsOnId',
      destinationAttributeOnJoinResource: 'itemId',
      joinRelationship: 'dependentLinks',
      description: 'Items waiting for this one.',
    }),
    relations: relationship.polymorphic(['Item', 'Milestone'], {
      storage: { model: 'ItemRelation', sourceAttribute: 'itemId', typeAttribute: 'targetType', idAttribute: 'targetId', orderAttribute: 'addedAt' },
      unionName: 'ItemRelationTarget',
      description: 'Items and milestones this item relates to (kept by addRelation / removeRelation).',
    }),
    higherPriorityItems: relationship.noAttributes('Item', {
      filter: { workspaceId: { eq: parent('workspaceId') }, priority: { gt: parent('priority') } },
      description: 'Items of the same workspace with a higher priority than this one.',
    }),
  },
});
