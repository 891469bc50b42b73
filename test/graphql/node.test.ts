import { startTestApp, type TestApp } from '../support/app';
import { signedInAs } from '../support/tokens';

/**
 * `node(id)` (Relay global object identification) through HTTP: a record of
 * every resource type of the reference app comes back with its `__typename`,
 * an unknown id and a record the actor may not read are both null, and the
 * lookup is one statement whatever the number of resources.
 */
let app: TestApp;
const ids: Record<string, string> = {};

async function data(actor: string | null, query: string, variables?: Record<string, unknown>) {
  const { status, body } = await app.gql(query, variables, await signedInAs(actor));
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data;
}

/** The result of a mutation; fails the test when it reports errors. */
async function mutate(actor: string | null, query: string, variables?: Record<string, unknown>) {
  const payload = Object.values(await data(actor, query, variables))[0] as { result: any; errors: unknown[] };
  expect(payload.errors).toEqual([]);
  return payload.result;
}

const NODE = 'query($id: ID!) { node(id: $id) { __typename id } }';

beforeAll(async () => {
  app = await startTestApp();
  const member = await mutate(null, 'mutation { createMember(input: { name: "Nora", email: "nora@node.test", profile: { bio: "Finds things" } }) { result { id profile { id } } errors { code } } }');
  ids.Member = member.id;
  ids.Profile = member.profile.id;
  const nora = ids.Member!;
  // A private workspace with its first item (Nora its ADMIN) and a comment: hidden from everyone else.
  const item = await mutate(nora, `mutation($input: CreateItemInput!) { createItem(input: $input) {
      result { id workspace { id } comments { id } memberships { id } } errors { code } } }`, {
    input: { title: 'Private', workspace: { name: 'Hidden', private: true }, members: [{ id: nora, role: 'ADMIN' }], comments: [{ body: 'psst' }] },
  });
  ids.Item = item.id;
  ids.Workspace = item.workspace.id;
  ids.Comment = item.comments[0].id;
  ids.ItemMember = item.memberships[0].id;
  const other = await mutate(nora, `mutation($input: CreateItemInput!) { createItem(input: $input) { result { id } errors { code } } }`, {
    input: { title: 'Depends', workspaceId: ids.Workspace, members: [{ id: nora, role: 'ADMIN' }] },
  });
  const linked = await mutate(nora, `mutation($id: ID!, $input: UpdateItemInput!) { updateItem(id: $id, input: $input) {
      result { dependencyLinks { id } } errors { code } } }`, { id: other.id, input: { dependencies: [ids.Item] } });
  ids.ItemDependency = linked.dependencyLinks[0].id;
  ids.Milestone = (await mutate(nora, 'mutation { createMilestone(input: { name: "v1" }) { result { id } errors { code } } }')).id;
});

afterAll(() => app.dispose());

it('returns a record of every resource type with its __typename, for an actor who may read it', async () => {
  const resources = app.domain.resources.map((r) => r.name).sort();
  expect(Object.keys(ids).sort()).toEqual(resources);
  for (const resource of resources) {
    const { node } = await data(ids.Member!, NODE, { id: ids[resource] });
    expect(node).toEqual({ __typename: resource, id: ids[resource] });
  }
});

it("selects the record's own fields through fragments, typed by what it is", async () => {
  const { node } = await data(ids.Member!, 'query($id: ID!) { node(id: $id) { id ... on Item { title comments { body } } ... on Member { name } } }', { id: ids.Item });
  expect(node).toEqual({ id: ids.Item, title: 'Private', comments: [{ body: 'psst' }] });
  const { node: milestone } = await data(null, 'query($id: ID!) { node(id: $id) { ... on Milestone { name createdAt } } }', { id: ids.Milestone });
  expect(milestone.name).toBe('v1');
  expect(new Date(milestone.createdAt).getTime()).not.toBeNaN();
});

it('is null for an unknown id, and for records hidden by read policies (the same answer)', async () => {
  expect((await data(ids.Member!, NODE, { id: '01890000-0000-7000-8000-000000000000' })).node).toBeNull();
  for (const hidden of ['Workspace', 'Item', 'Comment', 'ItemMember', 'ItemDependency']) {
    expect({ hidden, node: (await data(null, NODE, { id: ids[hidden] })).node }).toEqual({ hidden, node: null });
  }
  for (const open of ['Member', 'Profile', 'Milestone']) {
    expect((await data(null, NODE, { id: ids[open] })).node).toEqual({ __typename: open, id: ids[open] });
  }
});

it('refuses a malformed id with INVALID_INPUT at the argument', async () => {
  const { body } = await app.gql(NODE, { id: 'nope' });
  expect(body.data.node).toBeNull();
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', inputPath: ['id'] });
});

it('finds the record in one statement, read filters included', async () => {
  const headers = await signedInAs(null);
  app.resetQueries();
  const { body } = await app.gql(NODE, { id: ids.Comment }, headers);
  expect(body.data.node).toBeNull();
  expect(app.queries).toHaveLength(1);
  app.resetQueries();
  await app.gql(NODE, { id: ids.Milestone }, headers);
  expect(app.queries).toHaveLength(1);
});
