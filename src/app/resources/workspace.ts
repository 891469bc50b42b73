import { attribute, defineResource, relationship } from '../../resource';
import { itemAdminOrNoMembers, readableWorkspace, signedIn, signedInAnd } from '../policies';

export const Workspace = defineResource({
  name: 'Workspace',
  description: 'A place that groups items.',
  attributes: {
    name: attribute.string({ required: true, maxLength: 200, description: 'Display name.' }),
    private: attribute.boolean({
      required: true,
      default: false,
      description: 'Items of a private workspace are readable only by their members.',
    }),
  },
  relationships: {
    items: relationship.hasMany('Item', { description: 'Items in this workspace.' }),
  },
  // Changing a workspace needs ADMIN on one of its items, unless none of its items has members yet.
  policies: {
    read: readableWorkspace,
    actions: {
      create: signedIn,
      update: signedInAnd(itemAdminOrNoMembers),
      destroy: signedInAnd(itemAdminOrNoMembers),
    },
  },
});
