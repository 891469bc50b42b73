import { startTestApp, type TestApp } from '../support/app';
import { eventually } from '../support/eventually';
import { signedInAs } from '../support/tokens';

/**
 * `totalCount` of the event connections: the root `events` list counts the
 * events its reader may see under the filter, whatever the page; `history`
 * counts a record's events.
 */
let app: TestApp;
let ada: string;
let privateItem: string;

async function data(actor: string | null, query: string, variables?: Record<string, unknown>) {
  const { status, body } = await app.gql(query, variables, await signedInAs(actor));
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  return body.data;
}

/** Every event the actor sees under `filter`, by walking the list (at most 500 here). */
async function listed(actor: string | null, filter: Record<string, unknown> = {}): Promise<number> {
  const { events } = await data(actor, 'query($filter: EventFilter) { events(first: 500, filter: $filter) { edges { node { id } } pageInfo { hasNextPage } } }', { filter });
  expect(events.pageInfo.hasNextPage).toBe(false);
  return events.edges.length;
}

async function counted(actor: string | null, filter: Record<string, unknown> = {}, page = '') {
  return (await data(actor, `query($filter: EventFilter) { events(filter: $filter${page}) { totalCount } }`, { filter })).events.totalCount as number;
}

beforeAll(async () => {
  app = await startTestApp();
  ada = (await data(null, 'mutation { createMember(input: { name: "Ada", email: "ada@events.test" }) { result { id } } }')).createMember.result.id;
  await data(ada, 'mutation { createWorkspace(input: { name: "Open" }) { result { id } } }');
  const created = await data(ada, `mutation($input: CreateItemInput!) { createItem(input: $input) { result { id } errors { code } } }`, {
    input: { title: 'Hidden', workspace: { name: 'Private', private: true }, members: [{ id: ada, role: 'ADMIN' }], comments: [{ body: 'a' }, { body: 'b' }] },
  });
  privateItem = created.createItem.result.id;
  await data(ada, 'mutation($id: ID!) { updateItem(id: $id, input: { title: "Still hidden" }) { errors { code } } }', { id: privateItem });
  // The log shows an event once every transaction older than its own has ended, on the whole server:
  // wait until all of them show (other test files' transactions can hold them back for a moment).
  const written = await app.prisma.event.count();
  await eventually(() => counted(ada), (n) => n === written);
});

afterAll(() => app.dispose());

it('counts the events the reader may see: anonymous readers see fewer than the member who reads the private work', async () => {
  const anonymous = await counted(null);
  const signedIn = await counted(ada);
  expect(anonymous).toBe(await listed(null));
  expect(signedIn).toBe(await listed(ada));
  // The private workspace, its item (created and updated), two comments and the membership: 6 events only Ada sees.
  expect(signedIn - anonymous).toBe(6);
});

it('applies the filter and ignores pagination', async () => {
  expect(await counted(ada, { resource: 'Item' })).toBe(2);
  expect(await counted(null, { resource: 'Item' })).toBe(0);
  expect(await counted(ada, { recordId: privateItem, action: 'update' })).toBe(1);
  const all = await counted(ada);
  expect(await counted(ada, {}, ', first: 1')).toBe(all);
  const { events } = await data(ada, '{ events(first: 2) { pageInfo { endCursor } } }');
  expect(await counted(ada, {}, `, first: 1, after: "${events.pageInfo.endCursor}"`)).toBe(all);
});

it("history's totalCount is the number of the record's events", async () => {
  const { item } = await data(ada, 'query($id: ID!) { item(id: $id) { version history(first: 1) { totalCount edges { node { version } } } } }', { id: privateItem });
  expect(item.history.totalCount).toBe(2);
  expect(item.version).toBe(2);
  expect(item.history.edges).toHaveLength(1);
});
