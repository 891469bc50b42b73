import { attribute, defineResource, relationship } from '../../resource';

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
  },
});
