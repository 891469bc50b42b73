import { attribute, defineResource, relationship } from '../../resource';

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
});
