import type { TestApp } from './app';

/** Creates a workspace through GraphQL and returns its id. */
export async function createWorkspace(app: TestApp, name = 'Acme', input: Record<string, unknown> = {}): Promise<string> {
  const { body } = await app.gql(
    'mutation($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { result { id } errors { code message } } }',
    { input: { name, ...input } },
  );
  if (body.data?.createWorkspace?.errors?.length || !body.data) throw new Error(JSON.stringify(body));
  return body.data.createWorkspace.result.id;
}

/** Creates an item through GraphQL and returns its id. */
export async function createItem(app: TestApp, workspaceId: string, input: Record<string, unknown> = {}): Promise<string> {
  const { body } = await app.gql(
    'mutation($input: CreateItemInput!) { createItem(input: $input) { result { id } errors { code message } } }',
    { input: { title: 'Write tests', workspaceId, ...input } },
  );
  if (body.data?.createItem?.errors?.length || !body.data) throw new Error(JSON.stringify(body));
  return body.data.createItem.result.id;
}

/** Creates a record of any resource through its `create<Resource>` mutation and returns its id. */
export async function createRecord(app: TestApp, resource: string, input: Record<string, unknown>): Promise<string> {
  const { body } = await app.gql(
    `mutation($input: Create${resource}Input!) { create${resource}(input: $input) { result { id } errors { code message path } } }`,
    { input },
  );
  const payload = body.data?.[`create${resource}`];
  if (!payload || payload.errors.length > 0) throw new Error(`create${resource} failed: ${JSON.stringify(body)}`);
  return payload.result.id;
}

/** Creates items one after another (so in this creation order) and returns their ids. */
export async function createItems(app: TestApp, workspaceId: string, inputs: readonly Record<string, unknown>[]): Promise<string[]> {
  const ids: string[] = [];
  for (const input of inputs) ids.push(await createItem(app, workspaceId, input));
  return ids;
}
