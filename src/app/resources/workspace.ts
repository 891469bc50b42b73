import { action, attribute, defineResource, relationship } from '../../resource';
import { onlyAsSelf, ownedBy, readableWorkspace, signedIn, signedInAnd } from '../policies';

export const Workspace = defineResource({
  name: 'Workspace',
  description: 'A place that groups items.',
  attributes: {
    name: attribute.string({ required: true, maxLength: 200, description: 'Display name.' }),
    private: attribute.boolean({
      required: true,
      default: false,
      description: 'Items of a private workspace are readable only by their members; the workspace by them and its owner.',
    }),
  },
  relationships: {
    owner: relationship.belongsTo('Member', {
      required: false,
      description: 'Who may rename, hide or destroy it: its creator (or whom a service names); none when a service created it.',
    }),
    // A workspace with items cannot be destroyed (CONFLICT): its items are other people's work; move or destroy them first.
    items: relationship.hasMany('Item', { onDestroy: 'restrict', description: 'Items in this workspace.' }),
  },
  actions: {
    // The owner is the signed-in creator unless the input names one (which a person may do only as themself).
    create: action.create({ relateActor: 'owner' }),
    update: action.update(),
    destroy: action.destroy(),
  },
  // Only its owner changes a workspace (an owner-less one: only services); the owner may hand it over by updating ownerId.
  policies: {
    read: readableWorkspace,
    actions: {
      create: signedIn,
      update: signedInAnd(ownedBy),
      destroy: signedInAnd(ownedBy),
    },
    changes: { create: { ownerId: onlyAsSelf('ownerId') } },
  },
});
