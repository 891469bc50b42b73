import { action, attribute, defineDomain, defineResource, manage, relationship, type ResourceDefinition } from '../../src/resource';
import { invariantProblems } from '../../src/engine/invariants';
import { changingFields } from '../../src/engine/changing';
import { problemsOf } from '../support/domain-problems';

/**
 * The definition checks of `policies.changes`, `relateActor` and `invariants`
 * (each refused with every problem at once, at `Resource.<where>`), and what
 * `changing` holds for an input.
 */
const Person = defineResource({ name: 'Person', attributes: { name: attribute.string({ required: true }) } });
const Task = defineResource({ name: 'Task', attributes: { task: attribute.string() }, relationships: { board: relationship.belongsTo('Board') } });
const board = (extra: Partial<ResourceDefinition>) => defineResource({
  name: 'Board',
  attributes: { title: attribute.string({ required: true }), archivedAt: attribute.datetime() },
  relationships: { owner: relationship.belongsTo('Person', { required: false }), tasks: relationship.hasMany('Task') },
  actions: {
    create: action.create({ relateActor: 'owner' }),
    update: action.update({ arguments: { tasks: manage('tasks', 'direct_control') } }),
    destroy: action.destroy(),
    archive: action.custom({ input: { reason: attribute.string() }, change: () => ({}) }),
  },
  ...extra,
});
const domainOf = (extra: Partial<ResourceDefinition>) => defineDomain([Person, Task, board(extra)]);

describe('policies.changes', () => {
  it('accepts policies on attributes, managed arguments and custom input fields of the action', () => {
    expect(problemsOf(() => domainOf({
      policies: { actions: {}, changes: { create: { ownerId: () => true }, update: { title: () => true, tasks: () => true }, archive: { reason: () => true } } },
    }))).toEqual([]);
  });

  it('refuses an unknown action, a field the action does not take, and a non-function, all together', () => {
    expect(problemsOf(() => domainOf({
      policies: { changes: { publish: { title: () => true }, update: { colour: () => true, title: true as never }, destroy: { title: () => true } } },
    }))).toEqual([
      'Board.policies.changes.publish: Board has no action "publish"; its actions: create, update, destroy, archive.',
      'Board.policies.changes.update.colour: Board.update neither accepts "colour" nor takes it as a managed argument, so it never changes it; it takes: title, archivedAt, ownerId, tasks.',
      'Board.policies.changes.update.title: give (context) => boolean or a condition.',
      'Board.policies.changes.destroy.title: Board.destroy neither accepts "title" nor takes it as a managed argument, so it never changes it; it takes no input.',
    ]);
  });
});

describe('relateActor', () => {
  it('names the belongsTo set from the actor and its key', () => {
    expect(domainOf({}).resource('Board').actionByName.get('create')!.relateActor).toEqual({ relationship: 'owner', attribute: 'ownerId' });
  });

  it('refuses a name that is not a belongsTo of the resource, and one on an action other than create', () => {
    const Bad = defineResource({
      name: 'Bad',
      attributes: {},
      relationships: { owner: relationship.belongsTo('Person') },
      actions: { create: action.create({ relateActor: 'tasks' }), update: { type: 'update', options: { relateActor: 'owner' } as never }, destroy: action.destroy() },
    });
    expect(problemsOf(() => defineDomain([Person, Bad]))).toEqual([
      'Bad.actions.create.relateActor: "tasks" is not a belongsTo relationship of Bad; its belongsTo relationships: owner.',
      'Bad.actions.update.relateActor: only a create action sets a relationship from the actor; remove it from this update action.',
    ]);
  });
});

describe('invariants', () => {
  const titled = { title: { not: '' } };

  it('normalizes an invariant triggered by attributes, managed arguments or custom input fields', () => {
    const domain = domainOf({ invariants: [{ when: ['tasks', 'title', 'reason'], holds: titled, message: 'A board needs a title.' }] });
    expect(domain.resource('Board').invariants).toEqual([{ when: ['tasks', 'title', 'reason'], holds: titled, message: 'A board needs a title.' }]);
    expect(invariantProblems(domain)).toEqual([]);
  });

  it('refuses a field no action takes, an empty `when`, a non-object condition and a missing message, all together', () => {
    expect(problemsOf(() => domainOf({
      invariants: [
        { when: ['colour'], holds: titled, message: 'x' },
        { when: [], holds: 'title' as never, message: '' },
      ],
    }))).toEqual([
      'Board.invariants[0].when: no action of Board takes "colour" (as an attribute, input field or managed argument), so it would never trigger; taken: title, archivedAt, ownerId, tasks, reason.',
      'Board.invariants[1].when: give the names of the fields whose presence in an action\'s input triggers the check (a non-empty list).',
      'Board.invariants[1].holds: give a condition on the record in the engine\'s where language (an object, e.g. { memberships: { some: {} } }).',
      'Board.invariants[1].message: give the text a client sees when the check fails (what is wrong and how to fix it).',
    ]);
    expect(problemsOf(() => domainOf({ invariants: {} as never }))).toEqual(['Board.invariants: give a list of { when, holds, message }.']);
  });

  it('reports, when the server starts, a condition naming what the resource does not have', () => {
    const domain = domainOf({ invariants: [{ when: ['tasks'], holds: { colour: { equals: 'red' } }, message: 'Red.' }] });
    expect(invariantProblems(domain)).toEqual([expect.stringMatching(/^Board\.invariants\[0\]\.holds: Cannot compile a condition on Board\.colour/)]);
  });
});

describe('changing', () => {
  const domain = domainOf({});
  const resource = domain.resource('Board');
  const current = { id: 'b', version: 1, createdAt: new Date(), updatedAt: new Date(), title: 'Plan', archivedAt: new Date('2026-01-01T00:00:00Z'), ownerId: 'a0a0a0a0-0000-4000-8000-000000000001' };

  it('holds, for an update, the attributes whose value differs and every managed argument given (even [] or null)', () => {
    const update = resource.actionByName.get('update')!;
    const input = { title: 'Plan', archivedAt: '2026-01-01T00:00:00.000Z', ownerId: 'A0A0A0A0-0000-4000-8000-000000000001', tasks: [] };
    expect([...changingFields(resource, update, input, current)]).toEqual(['tasks']);
    expect([...changingFields(resource, update, { title: 'Other', archivedAt: null, tasks: null }, current)]).toEqual(['title', 'archivedAt', 'tasks']);
  });

  it('holds, for a create or a custom action, every field given', () => {
    expect([...changingFields(resource, resource.actionByName.get('create')!, { title: 'New', ownerId: null }, null)]).toEqual(['title', 'ownerId']);
    expect([...changingFields(resource, resource.actionByName.get('archive')!, { reason: 'done' }, current)]).toEqual(['reason']);
  });
});
