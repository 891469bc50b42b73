import type { GraphQLResponse } from '../app';
import { signedInAs } from '../tokens';
import type { Pools } from './pools';

type Gql = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLResponse>;

const RECORD = '__typename id version';
const PAYLOAD = `errors { code message path }`;

/**
 * Starting data for the fuzzer, written through GraphQL as the reference
 * app's policies allow: members sign up anonymously, then the first member
 * (signed in) creates public and private workspaces, items with members in
 * every role and comments, an item with no members, milestones, dependencies
 * and relations. Every response feeds `pools`. Returns the member ids.
 */
export async function seedFuzzData(gql: Gql, pools: Pools): Promise<string[]> {
  async function run(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await gql(query, variables, headers);
    const payload = Object.values(response.body.data ?? {})[0] as { result: { id: string }; errors: unknown[] } | undefined;
    if (response.body.errors || !payload || payload.errors.length > 0) {
      throw new Error(`Seeding the fuzzer failed: ${query} ${JSON.stringify(variables)} -> ${JSON.stringify(response.body)}`);
    }
    pools.learn(response.body.data);
    return payload.result;
  }

  const members: string[] = [];
  for (const [i, name] of ['Ada', 'Grace', 'Linus', 'Barbara', 'Edsger'].entries()) {
    const profile = i % 2 === 0 ? { profile: { bio: `${name} writes code.` } } : {};
    const member = await run(
      `mutation($input: CreateMemberInput!) { createMember(input: $input) { result { ${RECORD} email profile { ${RECORD} } } ${PAYLOAD} } }`,
      { input: { name, email: `${name.toLowerCase()}@fuzz.test`, priorityThreshold: i, ...profile } },
    );
    members.push(member.id);
  }
  const owner = await signedInAs(members[0]!);

  const workspaces: (string | undefined)[] = [];
  for (const name of ['Public', 'Open source']) {
    const workspace = await run(`mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { result { ${RECORD} } ${PAYLOAD} } }`, { input: { name } }, owner);
    workspaces.push(workspace.id);
  }
  // A private workspace is readable only by members of its items: created inline with its first item.
  workspaces.push(undefined);

  const items: string[] = [];
  for (let i = 0; i < 9; i++) {
    const roles = ['ADMIN', 'EDITOR', 'VIEWER'];
    const input = {
      title: `Seed item ${i}`,
      priority: i % 5,
      status: i % 3 === 0 ? 'DONE' : 'OPEN',
      ...(workspaces[i % 3] ? { workspaceId: workspaces[i % 3] } : { workspace: { name: 'Secret', private: true } }),
      comments: Array.from({ length: i % 3 }, (_, c) => ({ body: `Comment ${c} on item ${i}` })),
      // The last item has no members (anyone signed in may change it).
      members: i === 8 ? [] : [{ id: members[0], role: 'ADMIN' }, ...members.slice(1, 1 + (i % 4)).map((id, m) => ({ id, role: roles[(i + m) % 3] }))],
    };
    const item = await run(
      `mutation($input: CreateItemInput!) { createItem(input: $input) { result { ${RECORD} workspace { ${RECORD} } comments { ${RECORD} } memberships { ${RECORD} } } ${PAYLOAD} } }`,
      { input },
      owner,
    );
    items.push(item.id);
    workspaces[i % 3] ??= (item as unknown as { workspace: { id: string } }).workspace.id;
  }

  const milestones: string[] = [];
  for (const [name, dueAt] of [['Beta', '2030-01-01T00:00:00.000Z'], ['Launch', null]] as const) {
    const milestone = await run(`mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { result { ${RECORD} } ${PAYLOAD} } }`, { input: { name, dueAt } }, owner);
    milestones.push(milestone.id);
  }

  for (let i = 0; i < 4; i++) {
    await run(
      `mutation($id: ID!, $input: UpdateItemInput!) { updateItem(id: $id, input: $input) { result { ${RECORD} dependencyLinks { ${RECORD} } } ${PAYLOAD} } }`,
      { id: items[i], input: { dependencies: [items[i + 1], items[i + 2]] } },
      owner,
    );
    await run(
      `mutation($id: ID!, $input: AddItemRelationInput!) { addItemRelation(id: $id, input: $input) { result { ${RECORD} } ${PAYLOAD} } }`,
      { id: items[i], input: i % 2 === 0 ? { relationType: 'MILESTONE', relationId: milestones[i % 2] } : { relationType: 'ITEM', relationId: items[i + 3] } },
      owner,
    );
  }
  return members;
}
