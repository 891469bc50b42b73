import { attribute, defineDomain, defineResource } from '../../src/resource';

/**
 * A resource for pure sort / keyset tests (it has no table), with a nullable
 * attribute of every sortable type and a JSON one (not sortable).
 */
export const sortableDomain = defineDomain([
  defineResource({
    name: 'Task',
    attributes: {
      title: attribute.string({ required: true }),
      rank: attribute.int(),
      level: attribute.enum(['LOW', 'MID', 'HIGH']),
      done: attribute.boolean(),
      dueAt: attribute.datetime(),
      ownerId: attribute.uuid(),
      meta: attribute.json(),
    },
  }),
]);

export const task = sortableDomain.resource('Task');
