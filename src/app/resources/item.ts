import { action, attribute, defineResource, manage, parent, relationship } from '../../resource';

/** Members are related by id or by email, with their role on the item. */
const MEMBER_LOOKUP = { lookupBy: ['id', 'email'], joinAttributes: ['role'] } as const;

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
  actions: {
    create: action.create({
      arguments: {
        workspace: manage('workspace', 'create', {
          onLookup: 'relate',
          description: 'The workspace: an existing one by `id`, or a new one from its fields (instead of `workspaceId`).',
        }),
        comments: manage('comments', 'create', { description: 'Comments to create on the new item.' }),
        members: manage('members', 'append', { ...MEMBER_LOOKUP, description: 'Existing members to add, by `id` or `email`, each with a `role`.' }),
      },
    }),
    update: action.update({
      arguments: {
        comments: manage('comments', 'direct_control', {
          description: 'The complete list of comments: entries with an `id` update that comment, entries without one create a comment, comments left out are destroyed.',
        }),
        members: manage('members', 'append_and_remove', {
          ...MEMBER_LOOKUP,
          onMatch: 'update_join',
          description: 'The complete set of members with their roles: members not yet on the item are added, members left out are removed, a changed `role` is updated.',
        }),
        addMembers: manage('members', 'append', { ...MEMBER_LOOKUP, description: 'Members to add; members already on the item stay as they are.' }),
        removeMembers: manage('members', 'remove', { lookupBy: ['id', 'email'], description: 'Members to remove; each must be on the item.' }),
        dependencies: manage('dependencies', 'append_and_remove', {
          valueIsKey: true,
          description: 'The complete set of items this one depends on, by id.',
        }),
      },
    }),
    destroy: action.destroy(),
  },
});
