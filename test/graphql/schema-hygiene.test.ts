import { buildSchema as buildSdl, getIntrospectionQuery, isEnumType, type GraphQLSchema } from 'graphql';
import { createAppDomain } from '../../src/app/domain';
import { ERROR_CODES } from '../../src/engine/errors';
import { buildSchema } from '../../src/graphql/schema';
import { undescribedElements, unreferencedTypes } from '../support/schema-hygiene';
import { startTestApp, type TestApp } from '../support/app';
import { signedInAs } from '../support/tokens';

/**
 * The schema a client sees is documented and tidy: every element described,
 * no type nothing refers to, defaults shown, and mutation error codes a
 * closed, described enum that equals the engine's list of codes.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.dispose());

describe('descriptions', () => {
  it('every type, field, argument, enum value and input field of the app schema is described', () => {
    const missing = undescribedElements(app.schema);
    if (missing.length > 0) throw new Error(`${missing.length} undescribed, e.g.:\n  ${missing.slice(0, 10).join('\n  ')}`);
    expect(missing).toEqual([]);
  });

  it('the walk finds what is missing (a schema with undescribed parts)', () => {
    const bare = buildSdl('"Q" type Query { a(x: Int): E  "b" b: String } enum E { ONE "two" TWO } input I { f: Int }');
    expect(undescribedElements(bare)).toEqual(['Query.a', 'Query.a(x:)', 'E', 'E.ONE', 'I', 'I.f']);
  });
});

describe('unreferenced types', () => {
  it('every type of the app schema is reachable from Query or Mutation', () => {
    expect(unreferencedTypes(app.schema)).toEqual([]);
  });

  it('the walk finds a type nothing refers to', () => {
    const schema = buildSdl('type Query { a: A } type A implements N { id: ID } interface N { id: ID } input Lonely { x: Int } enum Unused { X }');
    expect(unreferencedTypes(schema)).toEqual(['Lonely', 'Unused']);
  });

  it('a list filter exists only for resources some to-many relationship reaches', () => {
    const types = Object.keys(buildSchema(createAppDomain()).getTypeMap()).filter((name) => name.endsWith('ListFilter'));
    expect(types).not.toContain('MilestoneListFilter');
    expect(types).not.toContain('ProfileListFilter');
    expect(types).toContain('CommentListFilter');
  });
});

describe('default values', () => {
  const defaultOf = (schema: GraphQLSchema, field: string, arg: string) =>
    schema.getQueryType()!.getFields()[field]!.args.find((a) => a.name === arg)!.defaultValue;

  it('the events page size and the sort order show their defaults', () => {
    expect(defaultOf(app.schema, 'events', 'first')).toBe(50);
    const history = (app.schema.getType('Item') as import('graphql').GraphQLObjectType).getFields().history!;
    expect(history.args.find((a) => a.name === 'first')!.defaultValue).toBe(50);
    const order = (app.schema.getType('ItemSort') as import('graphql').GraphQLInputObjectType).getFields().order!;
    expect(order.defaultValue).toBe('ASC');
  });
});

describe('ErrorCode', () => {
  it('introspection lists every engine code, each described, and MutationError.code is a non-null ErrorCode', async () => {
    const { body } = await app.gql(getIntrospectionQuery({ descriptions: true }));
    const types = body.data.__schema.types as { name: string; kind: string; enumValues: { name: string; description: string }[] | null; fields: any[] | null }[];
    const errorCode = types.find((t) => t.name === 'ErrorCode')!;
    expect(errorCode.kind).toBe('ENUM');
    expect(errorCode.enumValues!.map((v) => v.name).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const value of errorCode.enumValues!) expect(value.description).toBe(ERROR_CODES[value.name as keyof typeof ERROR_CODES]);
    const code = types.find((t) => t.name === 'MutationError')!.fields!.find((f) => f.name === 'code');
    expect(code.type).toEqual({ kind: 'NON_NULL', name: null, ofType: { kind: 'ENUM', name: 'ErrorCode', ofType: null } });
  });

  it('the engine list and the printed schema agree', () => {
    const type = buildSchema(createAppDomain()).getType('ErrorCode');
    expect(isEnumType(type) && type.getValues().map((v) => v.value)).toEqual(Object.keys(ERROR_CODES));
  });

  it("a mutation error's code is an enum value: usable as an enum literal in a query on the same result", async () => {
    const { body } = await app.gql(
      'mutation { createWorkspace(input: { name: "x" }) { errors { code path } } }',
      undefined,
      await signedInAs(null),
    );
    expect(body.data.createWorkspace.errors).toEqual([{ code: 'FORBIDDEN', path: ['input'] }]);
    const { body: typed } = await app.gql('{ __type(name: "ErrorCode") { enumValues { name } } }');
    expect(typed.data.__type.enumValues.map((v: { name: string }) => v.name)).toContain(body.data.createWorkspace.errors[0].code);
  });
});
