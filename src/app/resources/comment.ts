import { attribute, defineResource, relationship } from '../../resource';
import { EDITING_ROLES, itemChangeableBy, readableItem, signedIn, signedInAnd } from '../policies';

export const Comment = defineResource({
  name: 'Comment',
  description: 'A remark on an item.',
  attributes: {
    body: attribute.string({ required: true, description: 'The text of the comment.' }),
  },
  relationships: {
    item: relationship.belongsTo('Item', { description: 'The item this comment is on.' }),
  },
  // createComment(input, links: [{ type: REPLIES_TO, eventId }]) links the new comment's event to the one it answers.
  events: { linkTypes: ['replies_to'] },
  // Readable with its item; changed by whoever may change its item.
  policies: {
    read: (actor) => ({ item: { is: readableItem(actor) } }),
    actions: {
      create: signedIn,
      update: signedInAnd((actor) => ({ item: { is: itemChangeableBy(actor, EDITING_ROLES) } })),
      destroy: signedInAnd((actor) => ({ item: { is: itemChangeableBy(actor, EDITING_ROLES) } })),
    },
    // A comment stays on its item: moving it would put words on an item the mover may have no say in (services may).
    changes: { update: { itemId: () => false } },
  },
});
