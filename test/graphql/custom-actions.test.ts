import { evolve } from '../../src/engine/evolve';
import { runAction } from '../../src/engine/run-action';
import type { RecordState } from '../../src/engine/record';
import { readStream } from '../../src/events/store';
import { startTestApp, type TestApp } from '../support/app';
import { createItem, createRecord, createWorkspace } from '../support/fixtures';

/**
 * Custom actions (Item addRelation / removeRelation) through GraphQL: recorded
 * under their own names, applied by the resource's own change logic (the same
 * fold replay uses), keeping the virtual `relations` list that the
 * prepare-materialization hook turns into ItemRelation rows.
 */
let app: TestApp;
let workspaceId: string;
beforeAll(async () => {
  app = await startTestApp({ authorize: false });
  workspaceId = await createWorkspace(app, 'Custom');
});
afterAll(() => app.dispose());

const ADD = `mutation($id: ID!, $input: AddItemRelationInput!, $expectedVersion: Int) {
  addItemRelation(id: $id, input: $input, expectedVersion: $expectedVersion) {
    result { version relations { __typename ... on Item { title } ... on Milestone { name } } } errors { code message path }
  }
}`;
const REMOVE = `mutation($id: ID!, $input: RemoveItemRelationInput!) {
  removeItemRelation(id: $id, input: $input) { result { version relations { __typename } } errors { code message path } }
}`;

const rows = (itemId: string) => app.prisma.itemRelation.findMany({ where: { itemId }, orderBy: { addedAt: 'asc' } });

describe('addItemRelation / removeItemRelation', () => {
  it('records each under its own action name and materializes the virtual list into ItemRelation', async () => {
    const item = await createItem(app, workspaceId, { title: 'source' });
    const target = await createItem(app, workspaceId, { title: 'target' });
    const milestone = await createRecord(app, 'Milestone', { name: 'Beta' });

    let res = (await app.gql(ADD, { id: item, input: { relationType: 'ITEM', relationId: target } })).body.data.addItemRelation;
    expect(res).toEqual({ result: { version: 2, relations: [{ __typename: 'Item', title: 'target' }] }, errors: [] });
    res = (await app.gql(ADD, { id: item, input: { relationType: 'MILESTONE', relationId: milestone } })).body.data.addItemRelation;
    expect(res.result.relations).toEqual([{ __typename: 'Item', title: 'target' }, { __typename: 'Milestone', name: 'Beta' }]);
    expect((await rows(item)).map((r) => [r.targetType, r.targetId])).toEqual([['Item', target], ['Milestone', milestone]]);

    const removed = (await app.gql(REMOVE, { id: item, input: { relationId: target } })).body.data.removeItemRelation;
    expect(removed).toEqual({ result: { version: 4, relations: [{ __typename: 'Milestone' }] }, errors: [] });
    expect((await rows(item)).map((r) => r.targetId)).toEqual([milestone]);

    const events = await readStream(app.prisma, 'Item', item);
    expect(events.map((e) => e.action)).toEqual(['create', 'addRelation', 'addRelation', 'removeRelation']);
    expect(events[1]!.payload).toEqual({ relationType: 'ITEM', relationId: target });
    // The fold of the events (what replay computes) gives the same list the table holds.
    const folded = events.reduce<RecordState | null>((state, event) => evolve(app.domain.resource('Item'), state, event), null)!;
    expect(folded.relations).toEqual([{ type: 'Milestone', id: milestone, addedAt: events[2]!.occurredAt.toISOString() }]);
  });

  it('refuses bad input with a code and a path, writing nothing', async () => {
    const item = await createItem(app, workspaceId);
    const target = await createItem(app, workspaceId);
    await app.gql(ADD, { id: item, input: { relationType: 'ITEM', relationId: target } });
    const before = { events: await app.prisma.event.count(), relations: await app.prisma.itemRelation.count() };

    const cases: [string, Record<string, unknown>, string, string[]][] = [
      [ADD, { id: item, input: { relationType: 'ITEM', relationId: target } }, 'CONFLICT', ['relationId']],
      [ADD, { id: item, input: { relationType: 'ITEM', relationId: item } }, 'INVALID_INPUT', ['relationId']],
      [ADD, { id: item, input: { relationType: 'MILESTONE', relationId: target } }, 'NOT_FOUND', ['relationId']],
      [ADD, { id: item, input: { relationType: 'ITEM', relationId: 'not-a-uuid' } }, 'INVALID_INPUT', ['relationId']],
      [ADD, { id: '0190a6f0-0000-7000-8000-0000000000ff', input: { relationType: 'ITEM', relationId: target } }, 'NOT_FOUND', ['id']],
      [ADD, { id: item, input: { relationType: 'ITEM', relationId: target }, expectedVersion: 1 }, 'STALE_RECORD', ['expectedVersion']],
      [REMOVE, { id: item, input: { relationId: workspaceId } }, 'NOT_RELATED', ['relationId']],
    ];
    for (const [query, variables, code, path] of cases) {
      const { body } = await app.gql(query, variables);
      const payload = Object.values(body.data ?? {})[0] as { errors: { code: string; path: string[] }[] };
      expect({ variables, errors: payload.errors }).toMatchObject({ variables, errors: [{ code, path }] });
    }
    const unknownType = await app.gql(ADD, { id: item, input: { relationType: 'WORKSPACE', relationId: target } });
    expect(unknownType.body.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    expect({ events: await app.prisma.event.count(), relations: await app.prisma.itemRelation.count() }).toEqual(before);
  });

  it('rejects an action the resource does not declare before anything is written', async () => {
    const item = await createItem(app, workspaceId);
    const before = await app.prisma.event.count();
    const outcome = await runAction(
      { prisma: app.prisma, domain: app.domain, metadata: { actor: null, correlationId: null } },
      { resource: 'Item', action: 'archive', id: item, input: {} },
    );
    expect(outcome).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('Item has no action "archive"') })] });
    expect(await app.prisma.event.count()).toBe(before);
    const viaGraphQL = await app.gql(`mutation { archiveItem(id: "${item}") { errors { code } } }`);
    expect(viaGraphQL.body.errors?.[0]?.message).toMatch(/Cannot query field "archiveItem"/);
  });

  it('destroying an item removes its ItemRelation rows with it', async () => {
    const item = await createItem(app, workspaceId);
    const milestone = await createRecord(app, 'Milestone', { name: 'Gone' });
    await app.gql(ADD, { id: item, input: { relationType: 'MILESTONE', relationId: milestone } });
    expect(await rows(item)).toHaveLength(1);
    const { body } = await app.gql(`mutation($id: ID!) { destroyItem(id: $id) { errors { code } } }`, { id: item });
    expect(body.data.destroyItem.errors).toEqual([]);
    expect(await rows(item)).toEqual([]);
  });
});
