import { Comment } from '../../src/app/resources/comment';
import { ItemDependency } from '../../src/app/resources/item-dependency';
import { ItemMember } from '../../src/app/resources/item-member';
import { Member } from '../../src/app/resources/member';
import { Milestone } from '../../src/app/resources/milestone';
import { Profile } from '../../src/app/resources/profile';
import { Workspace } from '../../src/app/resources/workspace';
import { Item } from '../../src/app/resources/item';
import {
  action, defineDomain, defineResource, manage, MANAGE_PRESETS, resolveInstructions, type ResourceDefinition,
} from '../../src/resource';
import { problemsOf } from '../support/domain-problems';

describe('manage presets (as Ash defines them)', () => {
  it('has the exact on_lookup / on_no_match / on_match / on_missing of each preset', () => {
    const rows = Object.entries(MANAGE_PRESETS).map(([type, i]) => [type, i.onLookup, i.onNoMatch, i.onMatch, i.onMissing]);
    expect(rows).toEqual([
      ['create', 'ignore', 'create', 'ignore', 'ignore'],
      ['append', 'relate', 'error', 'ignore', 'ignore'],
      ['append_and_remove', 'relate', 'error', 'ignore', 'unrelate'],
      ['remove', 'ignore', 'error', 'unrelate', 'ignore'],
      ['direct_control', 'ignore', 'create', 'update', 'destroy'],
    ]);
  });

  it('lets explicit instructions override the preset', () => {
    expect(resolveInstructions('append', { onNoMatch: 'create', onMatch: 'update' })).toEqual({
      onLookup: 'relate', onNoMatch: 'create', onMatch: 'update', onMissing: 'ignore',
    });
  });
});

/** The reference app's other resources, with Item's actions replaced by `actions`. */
function domainWithItemActions(actions: ResourceDefinition['actions']) {
  const item = defineResource({ ...Item, policies: undefined, invariants: undefined, actions });
  return defineDomain([Workspace, Member, Profile, item, Comment, ItemMember, ItemDependency, Milestone]);
}


describe('managed arguments in the domain', () => {
  it('normalizes a managed argument with its resolved instructions', () => {
    const domain = domainWithItemActions({
      create: action.create({ arguments: { comments: manage('comments', 'create') } }),
      update: action.update({
        arguments: { members: manage('members', 'append_and_remove', { lookupBy: ['id', 'email'], joinAttributes: ['role'], onMatch: 'update' }) },
      }),
      destroy: action.destroy(),
    });
    const members = domain.resource('Item').actionByName.get('update')!.arguments[0]!;
    expect(members).toMatchObject({
      name: 'members', relationship: 'members', type: 'append_and_remove', valueIsKey: false, lookupBy: ['id', 'email'], joinAttributes: ['role'],
      instructions: { onLookup: 'relate', onNoMatch: 'error', onMatch: 'update', onMissing: 'unrelate' },
    });
  });

  it('reports every problem with its place', () => {
    const problems = problemsOf(() => domainWithItemActions({
      create: action.create({
        arguments: {
          nobody: manage('nobody', 'create'),
          relations: manage('relations', 'append'),
          comments: manage('comments', 'append', { lookupBy: ['body'], joinAttributes: ['role'] }),
          members: manage('members', 'append', { lookupBy: ['id', 'email'], valueIsKey: true, joinAttributes: ['itemId'] }),
          title: manage('comments', 'create'),
          workspace: manage('workspace', 'append'),
        },
      }),
      update: action.update({
        arguments: {
          comments: manage('comments', 'append_and_remove'),
          odd: manage('comments', 'append', { onMatch: 'explode' as never }),
          joinOfHasMany: manage('comments', 'append', { onMatch: 'update_join' }),
          joinWithoutAttributes: manage('members', 'append', { onMatch: 'update_join' }),
        },
      }),
      destroy: action.destroy(),
    }));
    expect(problems).toEqual([
      'Item.actions.create.arguments.members: valueIsKey needs exactly one lookup key, so a bare value is unambiguous.',
      'Item.actions.create.arguments.title: "title" is also an attribute; name the argument differently.',
      'Item.actions.update.arguments.odd: onMatch must be one of ignore, update, update_join, unrelate, destroy, error but got: "explode".',
      'Item.actions.create.arguments.nobody: Item has no relationship "nobody".',
      'Item.actions.create.arguments.relations: a polymorphic relationship cannot be managed; only belongsTo, hasOne, hasMany and manyToMany can.',
      'Item.actions.create.arguments.comments: lookupBy "body" must be id or a unique attribute of Comment.',
      'Item.actions.create.arguments.comments: joinAttributes apply to manyToMany relationships only.',
      'Item.actions.create.arguments.members: join attribute "itemId" must be a writable attribute of ItemMember (not a key).',
      'Item.actions.update.arguments.comments: "unrelate" would clear the required key Comment.itemId; use "destroy" or make the key optional.',
      'Item.actions.update.arguments.joinOfHasMany: onMatch "update_join" applies to manyToMany relationships only.',
      'Item.actions.update.arguments.joinWithoutAttributes: onMatch "update_join" needs joinAttributes to update.',
    ]);
  });

  it('accepts identities as lookup keys (Member by email)', () => {
    expect(problemsOf(() => domainWithItemActions({
      update: action.update({ arguments: { addMembers: manage('members', 'append', { lookupBy: ['email'], valueIsKey: true }) } }),
    }))).toEqual([]);
  });
});
