import type { PrismaClient } from '../../generated/prisma/client';
import { action, attribute, defineResource, manage, relationship, type ManualLoadContext, type ManualRecord } from '../../resource';

export const Member = defineResource({
  name: 'Member',
  description: 'A person who works on items.',
  attributes: {
    name: attribute.string({ required: true, maxLength: 200, description: 'Display name.' }),
    email: attribute.string({ required: true, unique: true, maxLength: 320, description: 'Unique; members can be looked up by it.' }),
    priorityThreshold: attribute.int({
      required: true,
      default: 0,
      description: 'Items with a priority above this are shown in `itemsAboveThreshold`.',
    }),
  },
  relationships: {
    // Destroyed with the member.
    profile: relationship.hasOne('Profile', { onDestroy: 'cascade', description: "The member's profile, if any." }),
    items: relationship.manyToMany('Item', {
      through: 'ItemMember',
      joinRelationship: 'memberships',
      // Not the manyToMany default (cascade): removing a member's memberships could leave an item without an ADMIN.
      onDestroy: 'restrict',
      description: 'Items this member works on (roles: `memberships`).',
    }),
    ownedWorkspaces: relationship.hasMany('Workspace', {
      destinationAttribute: 'ownerId',
      // Not nullify: an owner-less workspace is left to services; the owner hands it over (updating ownerId) first.
      onDestroy: 'restrict',
      description: 'Workspaces this member owns (a member who owns some cannot be destroyed).',
    }),
    itemsAboveThreshold: relationship.manual('Item', {
      description: "This member's items with a priority above the member's `priorityThreshold`.",
      load: itemsAboveThreshold,
    }),
  },
  actions: {
    create: action.create({
      arguments: { profile: manage('profile', 'create', { description: "The new member's profile, created with it." }) },
    }),
    update: action.update(),
    destroy: action.destroy(),
  },
  // Members are public; anyone may sign up; a member changes only their own record.
  policies: {
    actions: {
      create: () => true,
      update: ({ actor, record }) => actor !== null && actor === record?.id,
      destroy: ({ actor, record }) => actor !== null && actor === record?.id,
    },
  },
});

/**
 * Manual relationship: one query for the whole batch of members, grouped by
 * member id. Each member brings its own threshold, so the condition is one
 * OR branch per member, on the join records.
 */
async function itemsAboveThreshold(members: readonly ManualRecord[], context: ManualLoadContext): Promise<Map<string, ManualRecord[]>> {
  const prisma = context.db as PrismaClient;
  const links = await prisma.itemMember.findMany({
    where: {
      OR: members.map((member) => ({
        memberId: member.id,
        item: { is: { AND: [{ priority: { gt: member.priorityThreshold as number } }, context.where] } },
      })),
    },
    orderBy: context.orderBy.map((order) => ({ item: order })),
    select: { memberId: true, item: true },
    relationLoadStrategy: 'join',
  });
  const byMember = new Map<string, ManualRecord[]>();
  for (const link of links) {
    const items = byMember.get(link.memberId) ?? [];
    items.push(link.item);
    byMember.set(link.memberId, items);
  }
  return byMember;
}
