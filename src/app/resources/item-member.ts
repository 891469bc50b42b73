import { attribute, defineResource, relationship, type DefaultContext } from '../../resource';
import { onlyVia, readableItem } from '../policies';

/** Join resource of Item.members / Member.items; its attributes are read through `memberships`. */
export const ItemMember = defineResource({
  name: 'ItemMember',
  description: "A member's link to an item, with the member's role on it.",
  attributes: {
    role: attribute.enum(['VIEWER', 'EDITOR', 'ADMIN'], {
      required: true,
      default: 'VIEWER',
      enumName: 'ItemMemberRole',
      description: 'What the member may do with the item.',
      valueDescriptions: {
        VIEWER: 'Reads the item and comments on it.',
        EDITOR: "Also changes the item's fields, comments, dependencies and relations.",
        ADMIN: 'Also changes who its members are, moves it to another workspace and destroys it.',
      },
    }),
    addedAt: attribute.datetime({ required: true, default: ({ now }: DefaultContext) => now, description: 'When the member was added.' }),
  },
  relationships: {
    item: relationship.belongsTo('Item', { description: 'The item.' }),
    member: relationship.belongsTo('Member', { description: 'The member.' }),
  },
  // Readable with its item; changed only through Item's member arguments (whose policy decides).
  policies: {
    read: (actor) => ({ item: { is: readableItem(actor) } }),
    actions: { create: onlyVia('Item'), update: onlyVia('Item'), destroy: onlyVia('Item') },
  },
});
