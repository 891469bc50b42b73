import { printSchema } from 'graphql';
import { Comment } from '../../src/app/resources/comment';
import { Item } from '../../src/app/resources/item';
import { ItemDependency } from '../../src/app/resources/item-dependency';
import { ItemMember } from '../../src/app/resources/item-member';
import { Member } from '../../src/app/resources/member';
import { Milestone } from '../../src/app/resources/milestone';
import { Profile } from '../../src/app/resources/profile';
import { Workspace } from '../../src/app/resources/workspace';
import { createAppDomain } from '../../src/app/domain';
import { buildSchema } from '../../src/graphql/schema';
import { action, defineDomain, defineResource, manage, type ResourceDefinition } from '../../src/resource';

/** Derived inputs of managed arguments: fields, nullability, descriptions, and build failures. */
const sdl = printSchema(buildSchema(createAppDomain()));
const block = (name: string) => new RegExp(`input ${name} \\{[^}]*\\}`).exec(sdl)?.[0].replace(/"""[^"]*"""/g, '').replace(/\s+/g, ' ').trim() ?? '';

describe('derived inputs of the reference app', () => {
  it('create: only the create fields, non-null when the create requires them, no foreign key', () => {
    expect(block('ItemCreateCommentsInput')).toBe('input ItemCreateCommentsInput { body: String! }');
    expect(block('MemberCreateProfileInput')).toBe('input MemberCreateProfileInput { bio: String! }');
  });

  it('append: lookup keys (nullable when there are several) and join attributes, no create fields', () => {
    expect(block('ItemCreateMembersInput')).toBe('input ItemCreateMembersInput { id: ID email: String role: ItemMemberRole }');
  });

  it('direct_control: lookup key and the fields, all nullable since an update needs none of them', () => {
    expect(block('ItemUpdateCommentsInput')).toBe('input ItemUpdateCommentsInput { id: ID body: String }');
  });

  it('create with onLookup relate (workspace by id or inline): id and the create fields, nullable', () => {
    expect(block('ItemCreateWorkspaceInput')).toBe('input ItemCreateWorkspaceInput { id: ID name: String private: Boolean ownerId: ID }');
    expect(block('CreateItemInput')).toContain('workspaceId: ID ');
  });

  it('valueIsKey: a list of bare keys; a single relationship: a single input', () => {
    expect(sdl).toMatch(/dependencies: \[ID!\]\n/);
    expect(sdl).toMatch(/profile: MemberCreateProfileInput\n/);
  });

  it('describes every derived type and field', () => {
    const types = [...sdl.matchAll(/("""[\s\S]*?"""\s*)?input (\w+(Comments|Members|Workspace|Profile)Input) \{([^}]*)\}/g)];
    expect(types.length).toBeGreaterThanOrEqual(7);
    for (const [, description, , , body] of types) {
      expect(description).toBeTruthy();
      const fields = body!.split('\n').filter((line) => /^\s+\w+:/.test(line)).length;
      const described = (body!.match(/"""/g) ?? []).length / 2 + (body!.match(/^\s+"[^"]/gm) ?? []).length;
      expect(described).toBe(fields);
    }
  });
});

describe('building the schema fails clearly', () => {
  const domainWith = (item: Partial<ResourceDefinition>, extra: ResourceDefinition[] = []) =>
    defineDomain([Workspace, Member, Profile, defineResource({ ...Item, policies: undefined, invariants: undefined, ...item }), Comment, ItemMember, ItemDependency, Milestone, ...extra]);

  it('on an argument whose input would have no fields', () => {
    const bare = defineResource({ ...Comment, actions: { create: action.create({ accept: ['itemId'] }), update: action.update(), destroy: action.destroy() } });
    const domain = defineDomain([Workspace, Member, Profile, Item, bare, ItemMember, ItemDependency, Milestone]);
    expect(() => buildSchema(domain)).toThrow(
      'Item.create.comments: the derived input ItemCreateCommentsInput would have no fields (the argument\'s instructions allow no operation that takes input); change the instructions or drop the argument.',
    );
  });

  it('on a derived type name that is already taken', () => {
    const clash = defineResource({ name: 'ItemCreateCommentsInput', attributes: {} });
    expect(() => buildSchema(domainWith({}, [clash]))).toThrow(
      'GraphQL type name clash: ItemCreateCommentsInput (derived for Item.create.comments) is already a type of the schema; rename the argument.',
    );
  });

  it('builds when the same argument shape is reused under different names', () => {
    const domain = domainWith({
      actions: {
        create: action.create({ arguments: { notes: manage('comments', 'create'), comments: manage('comments', 'create') } }),
        update: action.update(),
        destroy: action.destroy(),
      },
    });
    const text = printSchema(buildSchema(domain));
    expect(text).toContain('input ItemCreateNotesInput');
    expect(text).toContain('input ItemCreateCommentsInput');
  });
});
