import { attribute, defineDomain, defineResource, DomainDefinitionError, relationship } from '../../src/resource';
import { checkDomainAgainstModels, type DataModel } from '../../src/db/model-check';
import { createAppDomain } from '../../src/app/domain';
import { problemsOf } from '../support/domain-problems';


const Team = defineResource({ name: 'Team', attributes: { name: attribute.string({ required: true }) } });

describe('domain validation', () => {
  it('rejects an unknown relationship destination, naming Resource.field', () => {
    const Player = defineResource({
      name: 'Player',
      attributes: {},
      relationships: { club: relationship.belongsTo('Club') },
    });
    expect(problemsOf(() => defineDomain([Team, Player]))).toEqual([
      'Player.club: unknown destination resource "Club"; known resources: Team, Player.',
    ]);
  });

  it('rejects a hasMany whose key attribute is missing on the destination', () => {
    const Coach = defineResource({ name: 'Coach', attributes: {} });
    const League = defineResource({ name: 'League', attributes: {}, relationships: { coaches: relationship.hasMany('Coach') } });
    expect(problemsOf(() => defineDomain([Coach, League]))).toEqual([
      'League.coaches: destination attribute Coach.leagueId does not exist; add a belongsTo on Coach or set destinationAttribute.',
    ]);
  });

  it('reports every problem together, in one error', () => {
    const Broken = defineResource({
      name: 'Broken',
      attributes: {
        id: attribute.string(),
        Title: attribute.string(),
        kind: attribute.enum(['a'], { default: 'a' as never }),
      },
      relationships: { owner: relationship.belongsTo('Nobody'), kind: relationship.hasMany('Team') },
      actions: { create: { type: 'create', options: { accept: ['missing'] } } },
    });
    const error = (() => {
      try {
        defineDomain([Team, Broken]);
      } catch (e) {
        return e as DomainDefinitionError;
      }
      throw new Error('not rejected');
    })();
    expect(error.problems).toEqual([
      'Broken.id: the name "id" is reserved for a field the framework maintains; rename it.',
      'Broken.Title: attribute names must be camelCase (letters and digits, starting lower-case).',
      'Broken.kind: enum value "a" must be UPPER_SNAKE_CASE.',
      'Broken.kind: "kind" is both an attribute and a relationship; rename one.',
      'Broken.actions.create: accepts "missing", which is not an attribute of Broken.',
      'Broken.owner: unknown destination resource "Nobody"; known resources: Team, Broken.',
      'Broken.kind: destination attribute Team.brokenId does not exist; add a belongsTo on Team or set destinationAttribute.',
    ]);
    expect(error.message).toMatch(/^Invalid resource definitions \(7 problems\):\n- Broken\.id: /);
  });

  it('accepts the reference app', () => {
    const domain = createAppDomain();
    expect(domain.resources.map((r) => r.name)).toEqual([
      'Workspace', 'Member', 'Profile', 'Item', 'Comment', 'ItemMember', 'ItemDependency', 'Milestone',
    ]);
    expect(domain.resource('Item').attributes.map((a) => a.name)).toEqual([
      'id', 'version', 'createdAt', 'updatedAt', 'title', 'priority', 'status', 'workspaceId',
    ]);
  });
});

describe('domain checked against the Prisma models', () => {
  const domain = createAppDomain();
  const field = (name: string, type: string, kind = 'scalar') => ({ name, type, kind });
  const system = [field('id', 'String'), field('version', 'Int'), field('createdAt', 'DateTime'), field('updatedAt', 'DateTime')];

  it('names every attribute without a matching column, relationships without a relation field, and missing models', () => {
    const dataModel: DataModel = {
      models: {
        Event: { fields: [] },
        Workspace: { fields: [...system, field('name', 'String'), field('ownerId', 'String'), field('owner', 'Member', 'object')] },
        Item: {
          fields: [
            ...system, field('title', 'String'), field('priority', 'String'), field('status', 'ItemStatus', 'enum'), field('workspaceId', 'String'),
            field('workspace', 'Workspace', 'object'), field('comments', 'Comment', 'object'),
          ],
        },
      },
    };
    expect(checkDomainAgainstModels(domain, dataModel)).toEqual([
      'Workspace.items: model Workspace needs a relation field "items" to Item (filters name it; manual loads hand them to Prisma).',
      'Workspace.private: model Workspace has no field "private"; add it to prisma/schema.prisma and create a migration.',
      'Member: the Prisma schema has no model "Member"; add it or set `model`.',
      'Profile: the Prisma schema has no model "Profile"; add it or set `model`.',
      'Item.relations: the Prisma schema has no storage model "ItemRelation".',
      'Item.memberships: model Item needs a relation field "memberships" to ItemMember (filters name it; manual loads hand them to Prisma).',
      'Item.dependencyLinks: model Item needs a relation field "dependencyLinks" to ItemDependency (filters name it; manual loads hand them to Prisma).',
      'Item.dependentLinks: model Item needs a relation field "dependentLinks" to ItemDependency (filters name it; manual loads hand them to Prisma).',
      'Item.priority: model field Item.priority is String but the attribute (int) needs Int.',
      'Comment: the Prisma schema has no model "Comment"; add it or set `model`.',
      'ItemMember: the Prisma schema has no model "ItemMember"; add it or set `model`.',
      'ItemDependency: the Prisma schema has no model "ItemDependency"; add it or set `model`.',
      'Milestone: the Prisma schema has no model "Milestone"; add it or set `model`.',
    ]);
  });
});
