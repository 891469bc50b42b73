import { defineResource, relationship } from '../../resource';
import { onlyVia, readableItem } from '../policies';

/** Join resource of the self-referential Item.dependencies / Item.dependents. */
export const ItemDependency = defineResource({
  name: 'ItemDependency',
  pluralName: 'itemDependencies',
  description: 'One item depending on another.',
  attributes: {},
  relationships: {
    item: relationship.belongsTo('Item', { description: 'The item that depends on `dependsOn`.' }),
    dependsOn: relationship.belongsTo('Item', { description: 'The item that must be done first.' }),
  },
  // Readable when both items are; changed only through Item's `dependencies` (whose policy decides).
  policies: {
    read: (actor) => ({ AND: [{ item: { is: readableItem(actor) } }, { dependsOn: { is: readableItem(actor) } }] }),
    actions: { create: onlyVia('Item'), update: onlyVia('Item'), destroy: onlyVia('Item') },
  },
});
