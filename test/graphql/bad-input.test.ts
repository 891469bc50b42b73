import { startTestApp, type TestApp } from '../support/app';
import { createItem, createWorkspace } from '../support/fixtures';

const CREATE = `mutation($input: CreateItemInput!) {
  createItem(input: $input) { result { id } errors { code message fields path } }
}`;
const UPDATE = `mutation($id: ID!, $input: UpdateItemInput!) {
  updateItem(id: $id, input: $input) { result { id } errors { code message fields path } }
}`;

let app: TestApp;
let workspaceId: string;
let itemId: string;

beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  workspaceId = await createWorkspace(app);
  itemId = await createItem(app, workspaceId);
});
afterAll(() => app.dispose());

/** Runs `body`, then checks that no event and no row was written. */
async function expectNothingWritten(body: () => Promise<void>): Promise<void> {
  const before = await app.counts();
  await body();
  expect(await app.counts()).toEqual(before);
}

describe('bad input to mutations', () => {
  it('reports a missing required field with INVALID_INPUT and its path', () =>
    expectNothingWritten(async () => {
      const { status, body } = await app.gql(CREATE, { input: { workspaceId } });
      expect(status).toBe(400); // a request that cannot execute (GraphQL over HTTP)
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([{
        message: 'Variable "$input" got invalid value { workspaceId: "' + workspaceId + '" }; Field "title" of required type "String!" was not provided.',
        locations: [{ line: 1, column: 10 }],
        extensions: { code: 'INVALID_INPUT', inputPath: ['input', 'title'] },
      }]);
    }));

  it('reports a value of the wrong type with INVALID_INPUT and its path', () =>
    expectNothingWritten(async () => {
      const { body } = await app.gql(CREATE, { input: { title: 'x', workspaceId, priority: 'high' } });
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions).toEqual({ code: 'INVALID_INPUT', inputPath: ['input', 'priority'] });
      expect(body.errors![0]!.message).toContain('Int cannot represent non-integer value: "high"');
    }));

  it('reports an unknown enum value with INVALID_INPUT and its path', () =>
    expectNothingWritten(async () => {
      const { body } = await app.gql(CREATE, { input: { title: 'x', workspaceId, status: 'LATER' } });
      expect(body.errors![0]!.extensions).toEqual({ code: 'INVALID_INPUT', inputPath: ['input', 'status'] });
    }));

  it('reports an unknown id on update as NOT_FOUND at ["id"]', () =>
    expectNothingWritten(async () => {
      const id = '0190a6f0-0000-7000-8000-00000000dead';
      const { body } = await app.gql(UPDATE, { id, input: { title: 'y' } });
      expect(body.data.updateItem).toEqual({
        result: null,
        errors: [{ code: 'NOT_FOUND', message: `No Item with id "${id}".`, fields: ['id'], path: ['id'] }],
      });
    }));

  it('reports a malformed id as INVALID_INPUT at ["id"]', () =>
    expectNothingWritten(async () => {
      const { body } = await app.gql(UPDATE, { id: 'not-a-uuid', input: { title: 'y' } });
      expect(body.data.updateItem.errors).toEqual([
        { code: 'INVALID_INPUT', message: 'id must be a UUID but got: "not-a-uuid".', fields: ['id'], path: ['id'] },
      ]);
    }));

  it('reports a belongsTo key that points nowhere as NOT_FOUND at its field', () =>
    expectNothingWritten(async () => {
      const missing = '0190a6f0-0000-7000-8000-00000000beef';
      const { body } = await app.gql(CREATE, { input: { title: 'x', workspaceId: missing } });
      expect(body.data.createItem.errors).toEqual([
        { code: 'NOT_FOUND', message: `No Workspace with id "${missing}".`, fields: ['workspaceId'], path: ['workspaceId'] },
      ]);
    }));

  it('reports every invalid field at once: too long and malformed key', () =>
    expectNothingWritten(async () => {
      const { body } = await app.gql(CREATE, { input: { title: 'x'.repeat(501), workspaceId: 'nope' } });
      expect(body.data.createItem.errors).toEqual([
        { code: 'INVALID_INPUT', message: 'title must be at most 500 characters but has 501.', fields: ['title'], path: ['title'] },
        { code: 'INVALID_INPUT', message: 'workspaceId must be a UUID but got: "nope".', fields: ['workspaceId'], path: ['workspaceId'] },
      ]);
    }));

  it('rejects setting a required field to null on update', () =>
    expectNothingWritten(async () => {
      const { body } = await app.gql(UPDATE, { id: itemId, input: { title: null } });
      expect(body.data.updateItem.errors).toEqual([
        { code: 'INVALID_INPUT', message: 'title is required and cannot be null.', fields: ['title'], path: ['title'] },
      ]);
    }));

  it('refuses to destroy a record that others still point at, with CONFLICT', () =>
    expectNothingWritten(async () => {
      const { body } = await app.gql('mutation($id: ID!) { destroyWorkspace(id: $id) { result { id } errors { code message path } } }', { id: workspaceId });
      expect(body.data.destroyWorkspace.errors).toEqual([{
        code: 'CONFLICT',
        message: `Workspace "${workspaceId}" still has 1 related Item record(s) through "items"; remove them first.`,
        path: [],
      }]);
    }));

  it('reports 10,001 characters in a string without its own maxLength (Comment.body) at its path, alone and nested', () =>
    expectNothingWritten(async () => {
      const long = 'x'.repeat(10_001);
      const alone = await app.gql('mutation($input: CreateCommentInput!) { createComment(input: $input) { result { id } errors { code message fields path } } }', { input: { itemId, body: long } });
      expect(alone.body.data.createComment.errors).toEqual([
        { code: 'INVALID_INPUT', message: 'body must be at most 10000 characters but has 10001.', fields: ['body'], path: ['body'] },
      ]);
      const nested = await app.gql(CREATE, { input: { title: 'x', workspaceId, comments: [{ body: 'ok' }, { body: long }] } });
      expect(nested.body.data.createItem.errors).toEqual([
        { code: 'INVALID_INPUT', message: 'body must be at most 10000 characters but has 10001.', fields: ['body'], path: ['comments', '1', 'body'] },
      ]);
    }));

  it('reports a malformed id inside nested inputs as INVALID_INPUT at its path', () =>
    expectNothingWritten(async () => {
      const member = await app.gql(CREATE, { input: { title: 'x', workspaceId, members: [{ id: 'nope', role: 'ADMIN' }] } });
      expect(member.body.data.createItem.errors).toEqual([
        { code: 'INVALID_INPUT', message: 'Expected a UUID but got: "nope".', fields: ['id'], path: ['members', '0', 'id'] },
      ]);
      const dependency = await app.gql(UPDATE, { id: itemId, input: { dependencies: ['nope'] } });
      expect(dependency.body.data.updateItem.errors).toEqual([
        { code: 'INVALID_INPUT', message: 'Expected a UUID but got: "nope".', fields: ['dependencies'], path: ['dependencies', '0'] },
      ]);
      const link = await app.gql(
        'mutation($input: CreateCommentInput!, $links: [CommentEventLinkInput!]) { createComment(input: $input, links: $links) { result { id } errors { code message path } } }',
        { input: { itemId, body: 'hi' }, links: [{ type: 'REPLIES_TO', eventId: 'nope' }] },
      );
      expect(link.body.data.createComment.errors).toEqual([
        { code: 'INVALID_INPUT', message: 'Expected an event id (UUID) but got: "nope".', path: ['links', '0', 'eventId'] },
      ]);
      const relation = await app.gql(
        'mutation($id: ID!) { addItemRelation(id: $id, input: { relationId: "nope", relationType: ITEM }) { result { id } errors { code message path } } }',
        { id: itemId },
      );
      expect(relation.body.data.addItemRelation.errors).toEqual([
        { code: 'INVALID_INPUT', message: 'relationId must be a UUID but got: "nope".', path: ['relationId'] },
      ]);
    }));

  it('refuses the NUL character anywhere in the input before running the mutation (PostgreSQL cannot store it)', () =>
    expectNothingWritten(async () => {
      const message = 'Text cannot contain the NUL character (U+0000): the database cannot store it. Remove it from the string.';
      expect(await app.gql(CREATE, { input: { title: 'x', workspaceId, comments: [{ body: 'a\u0000b' }] } })).toEqual({
        status: 400,
        body: { errors: [{ message, extensions: { code: 'INVALID_INPUT', inputPath: ['input', 'comments', '0', 'body'] } }] },
      });
      const literal = await app.gql(`mutation { createWorkspace(input: { name: "a\\u0000" }) { result { id } } }`);
      expect([literal.status, literal.body.errors?.[0]?.extensions]).toEqual([400, { code: 'INVALID_INPUT' }]);
      expect(app.logged).toEqual([]);
    }));

  it('reports an argument variable of the wrong type with INVALID_INPUT at the variable', () =>
    expectNothingWritten(async () => {
      const { status, body } = await app.gql('mutation($id: ID!, $v: Int) { destroyItem(id: $id, expectedVersion: $v) { result { id } } }', { id: itemId, v: 'one' });
      expect([status, body.errors]).toEqual([400, [{
        message: 'Variable "$v" got invalid value "one"; Int cannot represent non-integer value: "one"',
        locations: [{ line: 1, column: 20 }],
        extensions: { code: 'INVALID_INPUT', inputPath: ['v'] },
      }]]);
    }));

  it('masks unexpected failures and keeps their detail out of the response', async () => {
    // A create with a nested record reads its facts, then writes, on the driver.
    const spy = jest.spyOn(app.db.sql, 'query').mockRejectedValueOnce(new Error('connection reset by peer'));
    try {
      const { body } = await app.gql(CREATE, { input: { title: 'x', workspaceId, comments: [{ body: 'c' }] } });
      expect(body.errors).toEqual([{
        message: 'Unexpected error.',
        locations: expect.any(Array),
        path: ['createItem'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', errorId: expect.any(String) },
      }]);
      expect(JSON.stringify(body)).not.toContain('connection reset');
      const errorId = body.errors![0]!.extensions!.errorId;
      expect(app.logged).toEqual([[{ errorId, err: new Error('connection reset by peer') }, `[error ${errorId}] unexpected error`]]);
    } finally {
      spy.mockRestore();
    }
  });
});
