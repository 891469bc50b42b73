import { startTestApp, type TestApp } from '../support/app';
import { createItem, createRecord, createWorkspace } from '../support/fixtures';
import { signedInAs } from '../support/tokens';

/**
 * A nested mutation reports every error of every entry, at every depth and
 * across its arguments, in one response and in input order (as Ash reports
 * all of a changeset's errors); nothing is written.
 */
const CREATE = `mutation($input: CreateItemInput!) { createItem(input: $input) { result { id } errors { code path } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateItemInput!) { updateItem(id: $id, input: $input) { result { id } errors { code path } } }`;
const TOO_LONG = 'x'.repeat(10_001);
const MISSING = '01900000-0000-7000-8000-0000000000ff';

/** Every table the reference app writes, and the events. */
async function snapshot(app: TestApp) {
  const p = app.prisma;
  const counts = await Promise.all([p.event.count(), p.workspace.count(), p.item.count(), p.comment.count(), p.itemMember.count(), p.member.count()]);
  return counts.join(',');
}

/** Runs the mutation, expects no GraphQL error and nothing written, and returns its errors (code and path). */
async function refused(app: TestApp, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const before = await snapshot(app);
  const { body } = await app.gql(query, variables, headers);
  expect(body.errors).toBeUndefined();
  const payload = Object.values(body.data)[0] as { result: unknown; errors: { code: string; path: string[] }[] };
  expect(payload.result).toBeNull();
  expect(await snapshot(app)).toBe(before);
  return payload.errors.map(({ code, path }) => `${code} ${path.join('.')}`);
}

describe('without policies', () => {
  let app: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    app = await startTestApp({ authorize: false });
    ids.workspace = await createWorkspace(app, 'Errors');
    ids.ada = await createRecord(app, 'Member', { name: 'Ada', email: 'ada@example.com' });
    ids.bob = await createRecord(app, 'Member', { name: 'Bob', email: 'bob@example.com' });
    ids.cy = await createRecord(app, 'Member', { name: 'Cy', email: 'cy@example.com' });
  });
  afterAll(() => app.dispose());

  it('every invalid entry of one argument, each at its path', async () => {
    const errors = await refused(app, CREATE, {
      input: { title: 'Comments', workspaceId: ids.workspace, comments: [{ body: 'ok' }, { body: TOO_LONG }, { body: TOO_LONG }] },
    });
    expect(errors).toEqual(['INVALID_INPUT comments.1.body', 'INVALID_INPUT comments.2.body']);
  });

  it('the errors of different arguments and of the record itself together, in input order', async () => {
    const errors = await refused(app, CREATE, {
      input: {
        title: 'x'.repeat(501), workspaceId: ids.workspace,
        comments: [{ body: TOO_LONG }, { body: 'ok' }],
        members: [{ id: ids.ada, role: 'ADMIN' }, { email: 'nobody@example.com' }, { id: MISSING }],
      },
    });
    // Input order is the order of the input object as GraphQL hands it over: the input type's fields as defined
    // (the managed arguments in the action's declaration order, then the attributes).
    expect(errors).toEqual(['INVALID_INPUT comments.0.body', 'NOT_FOUND members.1.email', 'NOT_FOUND members.2.id', 'INVALID_INPUT title']);
  });

  it('an invalid inline parent (belongsTo, before the record) and invalid children (after it) together', async () => {
    const errors = await refused(app, CREATE, { input: { title: 'Inline', workspace: { name: 'x'.repeat(1_000) }, comments: [{ body: TOO_LONG }] } });
    expect(errors).toEqual(['INVALID_INPUT workspace.name', 'INVALID_INPUT comments.0.body']);
  });

  it('updateItem: lookups, validation and not-related entries of several arguments, all at once', async () => {
    const item = await createItem(app, ids.workspace!, { title: 'Update', members: [{ id: ids.ada, role: 'ADMIN' }, { id: ids.bob }] });
    const errors = await refused(app, UPDATE, {
      id: item,
      input: {
        title: 'x'.repeat(501),
        comments: [{ id: MISSING, body: 'edited' }, { body: TOO_LONG }, { body: 'fine' }],
        addMembers: [{ email: 'nobody@example.com' }, { id: ids.cy }],
        removeMembers: [{ id: ids.bob }, { email: 'dee@example.com' }],
      },
    });
    expect(errors).toEqual([
      'NOT_FOUND comments.0.id', 'INVALID_INPUT comments.1.body', 'NOT_FOUND addMembers.0.email', 'NOT_FOUND removeMembers.1.email', 'INVALID_INPUT title',
    ]);
  });

  it('a record that is not there ends its branch: only NOT_FOUND, nothing about its nested input', async () => {
    const errors = await refused(app, UPDATE, { id: MISSING, input: { comments: [{ body: TOO_LONG }] } });
    expect(errors).toEqual(['NOT_FOUND id']);
  });

  it('the same request without the bad entries writes everything', async () => {
    const before = await app.prisma.comment.count();
    const { body } = await app.gql(CREATE, { input: { title: 'Fixed', workspaceId: ids.workspace, comments: [{ body: 'ok' }, { body: 'short' }] } });
    expect(body.data.createItem.errors).toEqual([]);
    expect(await app.prisma.comment.count()).toBe(before + 2);
  });
});

describe('with policies', () => {
  let app: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    app = await startTestApp();
    ids.alice = await createRecord(app, 'Member', { name: 'Alice', email: 'alice@example.com' });
    ids.bob = await createRecord(app, 'Member', { name: 'Bob', email: 'bob@example.com' });
  });
  afterAll(() => app.dispose());

  it('a nested FORBIDDEN comes with the validation and lookup errors of the other arguments', async () => {
    const errors = await refused(app, CREATE, {
      input: {
        title: 'x'.repeat(501),
        // A person may name only themself as a workspace's owner.
        workspace: { name: 'Theirs', ownerId: ids.bob },
        comments: [{ body: TOO_LONG }],
        members: [{ id: ids.alice, role: 'ADMIN' }, { email: 'nobody@example.com' }],
      },
    }, await signedInAs(ids.alice!));
    expect(errors).toEqual(['FORBIDDEN workspace.ownerId', 'INVALID_INPUT comments.0.body', 'NOT_FOUND members.1.email', 'INVALID_INPUT title']);
  });
});
