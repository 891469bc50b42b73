import { defineResource, relationship } from '../../resource';

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
});
