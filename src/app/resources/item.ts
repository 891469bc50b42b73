import { action, attribute, defineResource, manage, parent, relationship, type StateView } from '../../resource';
import { EDITING_ROLES, itemChangeableBy, noMembersOrAnAdmin, readableItem, signedIn, signedInAnd } from '../policies';

/** One entry of the virtual `relations` list (kept only in events; materialized into ItemRelation). */
interface RelationEntry {
  readonly type: 'Item' | 'Milestone';
  readonly id: string;
  /** ISO time of the event that added it. */
  readonly addedAt: string;
}

/** The GraphQL enum value of a relation's type -> the target resource. */
const TARGETS = { ITEM: 'Item', MILESTONE: 'Milestone' } as const;
const targetOf = (input: Readonly<Record<string, unknown>>) => TARGETS[input.relationType as keyof typeof TARGETS];

const relationsOf = (state: StateView): readonly RelationEntry[] => (state.relations as RelationEntry[] | undefined) ?? [];

/** EDITOR or ADMIN of the item (or no members yet): may change its fields, comments, dependencies and relations. */
const editor = signedInAnd((actor) => itemChangeableBy(actor, EDITING_ROLES));
/** ADMIN of the item (or no members yet): may also change who its members are, move it, destroy it. */
const admin = signedInAnd((actor) => itemChangeableBy(actor, ['ADMIN']));

/** Members are related by id or by email, with their role on the item. */
const MEMBER_LOOKUP = { lookupBy: ['id', 'email'], joinAttributes: ['role'] } as const;

export const Item = defineResource({
  name: 'Item',
  description: 'A unit of work tracked in a workspace.',
  attributes: {
    title: attribute.string({ required: true, maxLength: 500, description: 'Short summary of the work.' }),
    priority: attribute.int({ required: true, default: 0, description: 'Higher is more urgent.' }),
    status: attribute.enum(['OPEN', 'DONE'], {
      required: true,
      default: 'OPEN',
      enumName: 'ItemStatus',
      description: 'Whether the work is still to do.',
      valueDescriptions: { OPEN: 'Still to do.', DONE: 'Finished.' },
    }),
  },
  relationships: {
    workspace: relationship.belongsTo('Workspace', { description: 'The workspace this item belongs to.' }),
    // Destroying an item destroys its comments, and (the manyToMany default) its memberships and dependency links both ways.
    comments: relationship.hasMany('Comment', { onDestroy: 'cascade', description: 'Discussion on this item.' }),
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
    addRelation: action.custom({
      description: 'Relates this item to another item or a milestone (`relations`).',
      input: {
        relationType: attribute.enum(['ITEM', 'MILESTONE'], { required: true, enumName: 'ItemRelationType', description: 'What the relation points at.',
          valueDescriptions: { ITEM: 'Another item.', MILESTONE: 'A milestone.' } }),
        relationId: attribute.uuid({ required: true, description: 'Id of the item or milestone.' }),
      },
      references: (input) => [{ resource: targetOf(input), id: input.relationId as string, field: 'relationId' }],
      validate: (state, input) => [
        ...(targetOf(input) === 'Item' && input.relationId === state.id
          ? [{ code: 'INVALID_INPUT' as const, message: 'An item cannot relate to itself.', field: 'relationId' }]
          : []),
        ...(relationsOf(state).some((r) => r.type === targetOf(input) && r.id === input.relationId)
          ? [{ code: 'CONFLICT' as const, message: `This item already relates to ${targetOf(input)} ${input.relationId}.`, field: 'relationId' }]
          : []),
      ],
      change: (state, input, event) => ({
        relations: [...relationsOf(state), { type: targetOf(input), id: input.relationId, addedAt: event.occurredAt.toISOString() }],
      }),
    }),
    removeRelation: action.custom({
      description: 'Removes a relation added by addRelation.',
      input: { relationId: attribute.uuid({ required: true, description: 'Id of the related item or milestone.' }) },
      validate: (state, input) =>
        relationsOf(state).some((r) => r.id === input.relationId)
          ? []
          : [{ code: 'NOT_RELATED', message: `This item has no relation to ${input.relationId}.`, field: 'relationId' }],
      change: (state, input) => ({ relations: relationsOf(state).filter((r) => r.id !== input.relationId) }),
    }),
  },
  policies: {
    read: readableItem,
    actions: {
      create: signedIn,
      update: editor,
      addRelation: editor,
      removeRelation: editor,
      destroy: admin,
    },
    // An EDITOR may not promote themself, nor drop the ADMIN, nor move the item to another workspace.
    changes: { update: { members: admin, addMembers: admin, removeMembers: admin, workspaceId: admin } },
  },
  invariants: [{
    when: ['members', 'addMembers', 'removeMembers'],
    holds: noMembersOrAnAdmin,
    message: 'An item with members needs at least one ADMIN among them: give one member the role ADMIN (or remove every member).',
  }],
  virtualFields: {
    relations: { default: () => [], description: 'The polymorphic relations as a list of { type, id, addedAt }, kept only in events.' },
  },
  // The prepare-materialization hook: the ItemRelation rows are the `relations` list, rebuilt whenever it changes.
  materialization: {
    tables: { ItemRelation: 'itemId' },
    prepare: (state) => ({
      ItemRelation: relationsOf(state).map((r) => ({ targetType: r.type, targetId: r.id, addedAt: new Date(r.addedAt) })),
    }),
  },
});
