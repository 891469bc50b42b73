import { createAppDomain } from '../../src/app/domain';
import type { RecordState } from '../../src/engine/record';
import { appendsWithRows } from '../../src/engine/write/append-and-project';
import type { Decision, PlannedChange } from '../../src/engine/write/decide';
import { batchStatements, batches, rowWrites, type Batch, type Placeholder } from '../../src/engine/write/project';
import type { NewEvent } from '../../src/events/types';
import { action, attribute, defineDomain, defineResource } from '../../src/resource';

/**
 * The write path's row batching (src/engine/write/project.ts) and the
 * one-statement test (appendsWithRows), without a database: given hand-built
 * record changes of the reference app, when they are turned into row writes
 * and batches, then the batches are as few as the foreign keys and the
 * decision order allow, and never reorder a write before one it depends on.
 */

const domain = createAppDomain();
const AT = new Date('2026-01-01T00:00:00.000Z');

/** Distinct, readable uuids: `id(0x100)`. */
const id = (n: number) => `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

const WORKSPACE = id(0x1);
const MEMBER_A = id(0xa1);
const MEMBER_B = id(0xb1);

const state = (recordId: string, values: Record<string, unknown>, version = 1): RecordState =>
  ({ id: recordId, version, createdAt: AT, updatedAt: AT, ...values });

const change = (resource: string, recordId: string, before: RecordState | null, after: RecordState | null, path: string[] = []): PlannedChange =>
  ({ resource: domain.resource(resource), recordId, before, after, path, root: 0 });

const create = (resource: string, recordId: string, values: Record<string, unknown>, path: string[] = []) =>
  change(resource, recordId, null, state(recordId, values), path);
const update = (resource: string, before: RecordState, values: Record<string, unknown>) =>
  change(resource, before.id, before, { ...before, ...values, version: before.version + 1 });
const destroy = (resource: string, before: RecordState) => change(resource, before.id, before, null);

const item = (itemId: string, values: Record<string, unknown> = {}) =>
  state(itemId, { title: `Item ${itemId.slice(-3)}`, priority: 0, status: 'OPEN', workspaceId: WORKSPACE, relations: [], ...values });
const comment = (commentId: string, itemId: string) => state(commentId, { body: `On ${itemId.slice(-3)}`, itemId });
const membership = (linkId: string, itemId: string, memberId: string) => state(linkId, { role: 'EDITOR', addedAt: AT, itemId, memberId });

/** The batches of `changes`, as `model kind: ids` in order. */
const batchesOf = (changes: readonly PlannedChange[]) => batches(changes.flatMap(rowWrites));
const shape = (result: readonly Batch[]) => result.map((b) => `${b.model} ${b.kind}: ${b.writes.map((w) => w.id).join(',')}`);

describe('batches: row writes grouped into statements', () => {
  it('an item with 1,000 comments and 2 member links is 3 insert batches, the item first', () => {
    // Given a nested create: the item, then its comments, then its join records
    const ITEM = id(0x100);
    const comments = Array.from({ length: 1000 }, (_, i) => create('Comment', id(0x10000 + i), { body: `c${i}`, itemId: ITEM }, ['comments', String(i)]));
    const links = [
      create('ItemMember', id(0x300), { role: 'ADMIN', addedAt: AT, itemId: ITEM, memberId: MEMBER_A }, ['members', '0']),
      create('ItemMember', id(0x301), { role: 'EDITOR', addedAt: AT, itemId: ITEM, memberId: MEMBER_B }, ['members', '1']),
    ];
    const changes = [create('Item', ITEM, { title: 'T', priority: 0, status: 'OPEN', workspaceId: WORKSPACE, relations: [] }), ...comments, ...links];

    // When batched
    const result = batchesOf(changes);

    // Then three insert statements, in dependency order, each holding every write of its model
    expect(result.map((b) => `${b.model} ${b.kind}`)).toEqual(['Item insert', 'Comment insert', 'ItemMember insert']);
    expect(result.map((b) => b.writes.length)).toEqual([1, 1000, 2]);
    expect(result[0]!.writes[0]!.id).toBe(ITEM);
    expect(result[1]!.writes.map((w) => w.id)).toEqual(comments.map((c) => c.recordId));
    // and each batch is one statement
    expect(result.map((b) => batchStatements(b, true).length)).toEqual([1, 1, 1]);
  });

  it('creates interleaved across parents merge per model, parents before children', () => {
    // Given workspace, item1, c1a, c1b, item2, c2a in decision order
    const W = id(0x2), I1 = id(0x101), I2 = id(0x102), C1A = id(0x201), C1B = id(0x202), C2A = id(0x203);
    const changes = [
      create('Workspace', W, { name: 'W', private: false, ownerId: null }),
      create('Item', I1, { title: '1', priority: 0, status: 'OPEN', workspaceId: W, relations: [] }),
      create('Comment', C1A, { body: 'a', itemId: I1 }),
      create('Comment', C1B, { body: 'b', itemId: I1 }),
      create('Item', I2, { title: '2', priority: 0, status: 'OPEN', workspaceId: W, relations: [] }),
      create('Comment', C2A, { body: 'a', itemId: I2 }),
    ];

    // When batched
    const result = batchesOf(changes);

    // Then one batch per model, each parent's batch before its children's
    expect(shape(result)).toEqual([
      `Workspace insert: ${W}`,
      `Item insert: ${I1},${I2}`,
      `Comment insert: ${C1A},${C1B},${C2A}`,
    ]);
  });

  it('a write does not join an earlier batch past a batch holding a record it points at', () => {
    // Given an item, then a new workspace, then an item in that workspace
    const W2 = id(0x3), I1 = id(0x101), I2 = id(0x102);
    const changes = [
      create('Item', I1, { title: '1', priority: 0, status: 'OPEN', workspaceId: WORKSPACE, relations: [] }),
      create('Workspace', W2, { name: 'W2', private: false, ownerId: null }),
      create('Item', I2, { title: '2', priority: 0, status: 'OPEN', workspaceId: W2, relations: [] }),
    ];

    // When batched
    const result = batchesOf(changes);

    // Then the second item stays after its workspace (not merged with the first item)
    expect(shape(result)).toEqual([`Item insert: ${I1}`, `Workspace insert: ${W2}`, `Item insert: ${I2}`]);
  });

  it('a record referenced then updated: its update stays after the batch pointing at it, an unrelated update joins that later batch', () => {
    // Given item I0 updated, a comment created on I1, then I1 updated, then I2 updated
    const I0 = item(id(0x100)), I1 = item(id(0x101)), I2 = item(id(0x102));
    const C = id(0x201);
    const changes = [
      update('Item', I0, { title: 'renamed 0' }),
      create('Comment', C, { body: 'on 1', itemId: I1.id }),
      update('Item', I1, { title: 'renamed 1' }),
      update('Item', I2, { title: 'renamed 2' }),
    ];

    // When batched
    const result = batchesOf(changes);

    // Then I1's update stays after the comment pointing at it (a batch pointing at the write must precede it);
    // I2's (unrelated to the comment) joins that last Item update batch, not the first one past the comment
    expect(shape(result)).toEqual([
      `Item update: ${I0.id}`,
      `Comment insert: ${C}`,
      `Item update: ${I1.id},${I2.id}`,
    ]);
  });

  it('a record updated then referenced by a new child: the child joins the batch after the update', () => {
    // Given an item updated, then a comment created on it, then another item updated
    const I1 = item(id(0x101)), I2 = item(id(0x102));
    const C = id(0x201);
    const changes = [
      update('Item', I1, { priority: 3 }),
      create('Comment', C, { body: 'x', itemId: I1.id }),
      update('Item', I2, { priority: 4 }),
    ];

    // When batched
    const result = batchesOf(changes);

    // Then the comment comes after the update of its item; the unrelated update merges with the first
    expect(shape(result)).toEqual([`Item update: ${I1.id},${I2.id}`, `Comment insert: ${C}`]);
  });

  it('a cascade destroy deletes comments, then memberships, then the item', () => {
    // Given the cascade of an item's destroy, in decision order
    const I = item(id(0x100), { relations: [] });
    const c1 = comment(id(0x201), I.id), c2 = comment(id(0x202), I.id);
    const m1 = membership(id(0x301), I.id, MEMBER_A), m2 = membership(id(0x302), I.id, MEMBER_B);
    const changes = [destroy('Comment', c1), destroy('Comment', c2), destroy('ItemMember', m1), destroy('ItemMember', m2), destroy('Item', I)];

    // When batched
    const result = batchesOf(changes);

    // Then the children's deletes precede the parent's
    expect(shape(result)).toEqual([
      `Comment delete: ${c1.id},${c2.id}`,
      `ItemMember delete: ${m1.id},${m2.id}`,
      `Item delete: ${I.id}`,
    ]);
  });

  it('two cascades in a row merge per model, each parent after all its children', () => {
    // Given two items destroyed one after the other, each with a comment, a membership and a relation row
    const relation = { type: 'Milestone', id: id(0x900), addedAt: AT.toISOString() };
    const I1 = item(id(0x101), { relations: [relation] }), I2 = item(id(0x102), { relations: [relation] });
    const c1 = comment(id(0x201), I1.id), c2 = comment(id(0x202), I2.id);
    const m1 = membership(id(0x301), I1.id, MEMBER_A), m2 = membership(id(0x302), I2.id, MEMBER_A);
    const changes = [
      destroy('Comment', c1), destroy('ItemMember', m1), destroy('Item', I1),
      destroy('Comment', c2), destroy('ItemMember', m2), destroy('Item', I2),
    ];

    // When batched
    const result = batchesOf(changes);

    // Then one delete per table; an item's owned rows go before the item's row, and the items after their children
    expect(shape(result)).toEqual([
      `Comment delete: ${c1.id},${c2.id}`,
      `ItemMember delete: ${m1.id},${m2.id}`,
      `ItemRelation deleteOwned: ${I1.id},${I2.id}`,
      `Item delete: ${I1.id},${I2.id}`,
    ]);
  });

  it('same model, different kinds are not merged: a delete stays before the insert that follows it', () => {
    // Given a membership deleted, one inserted for the same item and member (its unique key freed), then another deleted
    const I = id(0x100);
    const gone = membership(id(0x301), I, MEMBER_A);
    const other = membership(id(0x303), I, MEMBER_B);
    const changes = [
      destroy('ItemMember', gone),
      create('ItemMember', id(0x302), { role: 'ADMIN', addedAt: AT, itemId: I, memberId: MEMBER_A }),
      destroy('ItemMember', other),
    ];

    // When batched
    const result = batchesOf(changes);

    // Then three batches in decision order: the later delete does not jump back before the insert
    expect(shape(result)).toEqual([
      `ItemMember delete: ${gone.id}`,
      `ItemMember insert: ${id(0x302)}`,
      `ItemMember delete: ${other.id}`,
    ]);
  });

  it('a record changed twice is in two batches, never twice in one', () => {
    // Given one item updated twice (and another item updated in between)
    const I = item(id(0x100)), J = item(id(0x101));
    const first = update('Item', I, { title: 'one' });
    const second = update('Item', first.after!, { title: 'two' });
    const changes = [first, update('Item', J, { title: 'j' }), second];

    // When batched
    const result = batchesOf(changes);

    // Then the second update is a batch of its own, after the first
    expect(shape(result)).toEqual([`Item update: ${I.id},${J.id}`, `Item update: ${I.id}`]);
    expect(result[0]!.writes[0]!.rows[0]!.title).toBe('one');
    expect(result[1]!.writes[0]!.rows[0]!.title).toBe('two');
    for (const batch of result) expect(batch.ids.size).toBe(batch.writes.length);
  });
});

describe('rowWrites: owned rows', () => {
  const relation = (n: number) => ({ type: 'Item', id: id(0x800 + n), addedAt: AT.toISOString() });

  it('an update that leaves the owned rows as they were writes only the record row', () => {
    const I = item(id(0x100), { relations: [relation(1)] });
    expect(rowWrites(update('Item', I, { title: 'new' })).map((w) => `${w.model} ${w.kind}`)).toEqual(['Item update']);
  });

  it('an update that changes the owned rows replaces them: update, deleteOwned, insert', () => {
    const I = item(id(0x100), { relations: [relation(1)] });
    const writes = rowWrites(update('Item', I, { relations: [relation(1), relation(2)] }));
    expect(writes.map((w) => `${w.model} ${w.kind}`)).toEqual(['Item update', 'ItemRelation deleteOwned', 'ItemRelation insert']);
    expect(writes[1]!.ownerColumn).toBe('itemId');
    expect(writes[2]!.rows).toEqual([
      { targetType: 'Item', targetId: id(0x801), addedAt: AT, itemId: I.id },
      { targetType: 'Item', targetId: id(0x802), addedAt: AT, itemId: I.id },
    ]);
  });

  it('a create inserts the record row before its owned rows; one with none inserts no owned rows', () => {
    const withRelations = rowWrites(create('Item', id(0x100), { title: 't', priority: 0, status: 'OPEN', workspaceId: WORKSPACE, relations: [relation(1)] }));
    expect(withRelations.map((w) => `${w.model} ${w.kind}`)).toEqual(['Item insert', 'ItemRelation insert']);
    const without = rowWrites(create('Item', id(0x101), { title: 't', priority: 0, status: 'OPEN', workspaceId: WORKSPACE, relations: [] }));
    expect(without.map((w) => `${w.model} ${w.kind}`)).toEqual(['Item insert']);
  });
});

describe('batchStatements: the SQL of a batch', () => {
  /** A placeholder that is not `$n`, to show the statement numbers by the function it is given. */
  const collect = () => {
    const values: unknown[] = [];
    const p: Placeholder = (value) => `:v${values.push(value)}`;
    return { values, p };
  };

  const I1 = id(0x101), I2 = id(0x102);
  const insertBatch = () => batchesOf([
    create('Comment', id(0x201), { body: 'a', itemId: I1 }),
    create('Comment', id(0x202), { body: 'b', itemId: I2 }),
  ])[0]!;

  it('an insert batch with skipTaken skips taken keys and returns the ids inserted', () => {
    // Given an insert batch of two comments
    const batch = insertBatch();

    // When its statements are built with skipTaken
    const statements = batchStatements(batch, true);
    const { values, p } = collect();
    const sql = statements[0]!.sql(p);

    // Then one statement, with every column per row, ending in ON CONFLICT DO NOTHING RETURNING the ids
    expect(statements).toHaveLength(1);
    expect(statements[0]!.returnsIds).toBe(true);
    expect(sql.startsWith('INSERT INTO "Comment" ("id", "version", "createdAt", "updatedAt", "body", "itemId") VALUES (:v1, :v2, :v3, :v4, :v5, :v6), (:v7, :v8, :v9, :v10, :v11, :v12)')).toBe(true);
    expect(sql.endsWith(' ON CONFLICT DO NOTHING RETURNING id::text AS id')).toBe(true);
    expect(values).toEqual([id(0x201), 1, AT, AT, 'a', I1, id(0x202), 1, AT, AT, 'b', I2]);
  });

  it('an insert batch without skipTaken has no ON CONFLICT (a taken key fails the statement)', () => {
    const { p } = collect();
    const sql = batchStatements(insertBatch(), false)[0]!.sql(p);
    expect(sql).not.toContain('ON CONFLICT');
    expect(sql.endsWith(') RETURNING id::text AS id')).toBe(true);
  });

  it('placeholders continue from the function given (the statement may be one CTE of many)', () => {
    // Given a placeholder function that already numbered 5 values
    const values: unknown[] = ['a', 'b', 'c', 'd', 'e'];
    const sql = batchStatements(insertBatch(), true)[0]!.sql((value) => `$${values.push(value)}`);
    // Then the statement's first placeholder is $6 and its last $17
    expect(sql).toContain('VALUES ($6, $7, $8, $9, $10, $11), ($12, $13, $14, $15, $16, $17)');
    expect(values).toHaveLength(17);
  });

  it('an owned-rows insert returns no ids and has no ON CONFLICT', () => {
    const relation = { type: 'Milestone', id: id(0x900), addedAt: AT.toISOString() };
    const result = batchesOf([create('Item', I1, { title: 't', priority: 0, status: 'OPEN', workspaceId: WORKSPACE, relations: [relation] })]);
    const owned = result[1]!;
    expect(`${owned.model} ${owned.kind}`).toBe('ItemRelation insert');
    const statements = batchStatements(owned, true);
    const { values, p } = collect();
    expect(statements[0]!.returnsIds).toBe(false);
    expect(statements[0]!.sql(p)).toBe('INSERT INTO "ItemRelation" ("targetType", "targetId", "addedAt", "itemId") VALUES (:v1, :v2, :v3, :v4)');
    expect(values).toEqual(['Milestone', id(0x900), AT, I1]);
  });

  it('an update batch of 2 records is 1 statement, the rows typed by the table (jsonb_populate_recordset)', () => {
    // Given two items updated
    const a = item(I1), b = item(I2);
    const [batch] = batchesOf([update('Item', a, { title: 'A' }), update('Item', b, { title: 'B' })]);
    expect(batch!.writes).toHaveLength(2);

    // When its statements are built
    const statements = batchStatements(batch!, true);
    const { values, p } = collect();
    const sqls = statements.map((s) => s.sql(p));

    // Then one UPDATE for both, every column but id set from the rows given as one JSON array, by id
    expect(statements).toHaveLength(1);
    expect(statements[0]!.returnsIds).toBe(false);
    expect(sqls[0]).toBe('UPDATE "Item" AS t SET "version" = v."version", "createdAt" = v."createdAt", "updatedAt" = v."updatedAt", "title" = v."title", '
      + '"priority" = v."priority", "status" = v."status", "workspaceId" = v."workspaceId" FROM jsonb_populate_recordset(NULL::"Item", :v1::jsonb) AS v WHERE t.id = v.id');
    expect(values).toHaveLength(1);
    expect(JSON.parse(values[0] as string)).toEqual([
      { id: I1, version: 2, createdAt: AT.toISOString(), updatedAt: AT.toISOString(), title: 'A', priority: 0, status: 'OPEN', workspaceId: WORKSPACE },
      { id: I2, version: 2, createdAt: AT.toISOString(), updatedAt: AT.toISOString(), title: 'B', priority: 0, status: 'OPEN', workspaceId: WORKSPACE },
    ]);
  });

  it('a delete batch is one DELETE ... IN (...); a deleteOwned batch deletes by the owner column', () => {
    // Given two comments destroyed
    const [batch] = batchesOf([destroy('Comment', comment(id(0x201), I1)), destroy('Comment', comment(id(0x202), I1))]);
    const statements = batchStatements(batch!, true);
    const { values, p } = collect();

    // Then one statement deleting both by id
    expect(statements).toHaveLength(1);
    expect(statements[0]!.returnsIds).toBe(false);
    expect(statements[0]!.sql(p)).toBe('DELETE FROM "Comment" WHERE "id" IN (:v1, :v2)');
    expect(values).toEqual([id(0x201), id(0x202)]);

    // And an item with relation rows destroyed deletes them by itemId
    const relation = { type: 'Milestone', id: id(0x900), addedAt: AT.toISOString() };
    const [owned] = batchesOf([destroy('Item', item(I1, { relations: [relation] }))]);
    expect(`${owned!.model} ${owned!.kind}`).toBe('ItemRelation deleteOwned');
    const second = collect();
    expect(batchStatements(owned!, true)[0]!.sql(second.p)).toBe('DELETE FROM "ItemRelation" WHERE "itemId" IN (:v1)');
    expect(second.values).toEqual([I1]);
  });

  it('a delete of more than 30,000 records (a cascade has no entry limit) is split into statements of 30,000', () => {
    // Given 30,001 comments destroyed
    const [batch] = batchesOf(Array.from({ length: 30_001 }, (_, i) => destroy('Comment', comment(id(0x10000 + i), I1))));
    expect(batch!.writes).toHaveLength(30_001);

    // When its statements are built, then two: 30,000 ids and 1
    const statements = batchStatements(batch!, true);
    expect(statements).toHaveLength(2);
    const counts = statements.map((s) => {
      const { values, p } = collect();
      s.sql(p);
      return values.length;
    });
    expect(counts).toEqual([30_000, 1]);
  });

  describe('JSON attributes', () => {
    const Note = defineResource({
      name: 'Note',
      attributes: { text: attribute.string({ required: true }), meta: attribute.json() },
      actions: { create: action.create(), update: action.update(), destroy: action.destroy() },
    });
    const notes = defineDomain([Note]);
    const note = notes.resource('Note');
    const noteChange = (recordId: string, before: RecordState | null, after: RecordState | null): PlannedChange =>
      ({ resource: note, recordId, before, after, path: [], root: 0 });

    it('are passed as JSON text (objects, arrays, strings and numbers alike); no value as NULL', () => {
      // Given notes whose meta is an object, an array, a string, a number and null
      const metas: unknown[] = [{ a: 1, nested: { b: [true] } }, [1, 'two'], 'plain', 42, null];
      const changes = metas.map((meta, i) => noteChange(id(0x500 + i), null, state(id(0x500 + i), { text: `n${i}`, meta })));
      const [batch] = batches(changes.flatMap(rowWrites));

      // When its insert is built
      const { values, p } = collect();
      batchStatements(batch!, true)[0]!.sql(p);

      // Then each meta is its JSON text (the column parses it), null is NULL
      const metaValues = values.filter((_, i) => i % 6 === 5);
      expect(metaValues).toEqual(['{"a":1,"nested":{"b":[true]}}', '[1,"two"]', '"plain"', '42', null]);
    });

    it('in an update too', () => {
      const before = state(id(0x600), { text: 't', meta: { a: 1 } });
      const [batch] = batches(rowWrites(noteChange(before.id, before, { ...before, meta: { a: 2 } })));
      const { values, p } = collect();
      const sql = batchStatements(batch!, true)[0]!.sql(p);
      expect(sql).toBe('UPDATE "Note" AS t SET "version" = v."version", "createdAt" = v."createdAt", "updatedAt" = v."updatedAt", "text" = v."text", "meta" = v."meta" '
        + 'FROM jsonb_populate_recordset(NULL::"Note", :v1::jsonb) AS v WHERE t.id = v.id');
      // The JSON attribute is a JSON value inside the row (the column's type takes it as is).
      expect(JSON.parse(values[0] as string)[0].meta).toEqual({ a: 2 });
    });
  });
});

describe('appendsWithRows: when the append and the rows go in one statement', () => {
  type Decided = Extract<Decision, { complete: true }>;
  const events = (n: number) => Array.from({ length: n }, (_, i) => ({ id: id(0xe000 + i) }) as unknown as NewEvent);
  const decision = (parts: Partial<Decided>): Decided =>
    ({ complete: true, failed: null, records: [], events: events(1), links: [], changes: [], snapshots: [], invariants: [], ...parts });

  const ITEM = id(0x100);
  const nestedCreate = () => [
    create('Item', ITEM, { title: 'T', priority: 0, status: 'OPEN', workspaceId: WORKSPACE, relations: [] }),
    create('Comment', id(0x201), { body: 'a', itemId: ITEM }),
    create('Comment', id(0x202), { body: 'b', itemId: ITEM }),
    create('ItemMember', id(0x301), { role: 'ADMIN', addedAt: AT, itemId: ITEM, memberId: MEMBER_A }),
  ];

  it('true for a nested create (item, comments, memberships)', () => {
    expect(appendsWithRows(decision({ events: events(4), changes: nestedCreate() }))).toBe(true);
  });

  it('false without events', () => {
    expect(appendsWithRows(decision({ events: [], changes: nestedCreate() }))).toBe(false);
  });

  it('false with links to write after the events', () => {
    const links = [{ type: 'replies_to', targetId: id(0xe100), eventId: id(0xe000) }];
    expect(appendsWithRows(decision({ events: events(4), changes: nestedCreate(), links }))).toBe(false);
  });

  it('false with snapshots to write after the events', () => {
    const snapshots = [{ resource: 'Item', snapshot: { recordId: ITEM, version: 3, state: {}, hash: 'h', occurredAt: AT } }];
    expect(appendsWithRows(decision({ events: events(4), changes: nestedCreate(), snapshots }))).toBe(false);
  });

  it('false with a record changed twice', () => {
    const I = item(id(0x101));
    const first = update('Item', I, { title: 'one' });
    const second = update('Item', first.after!, { title: 'two' });
    expect(appendsWithRows(decision({ events: events(2), changes: [first, second] }))).toBe(false);
  });

  it('false with a delete and an insert on one table', () => {
    const changes = [
      destroy('ItemMember', membership(id(0x301), ITEM, MEMBER_A)),
      create('ItemMember', id(0x302), { role: 'ADMIN', addedAt: AT, itemId: ITEM, memberId: MEMBER_A }),
    ];
    expect(appendsWithRows(decision({ events: events(2), changes }))).toBe(false);
  });

  it('false with an update and an insert on one table', () => {
    const changes = [update('Item', item(id(0x101)), { title: 'x' }), create('Item', ITEM, { title: 'T', priority: 0, status: 'OPEN', workspaceId: WORKSPACE, relations: [] })];
    expect(appendsWithRows(decision({ events: events(2), changes }))).toBe(false);
  });

  it('true with deletes on one table and updates on another', () => {
    const changes = [update('Item', item(ITEM), { title: 'x' }), destroy('Comment', comment(id(0x201), ITEM)), destroy('Comment', comment(id(0x202), ITEM))];
    expect(appendsWithRows(decision({ events: events(3), changes }))).toBe(true);
  });

  it('false with a deleteOwned (an item whose owned rows change on update)', () => {
    const I = item(id(0x101), { relations: [] });
    const relation = { type: 'Milestone', id: id(0x900), addedAt: AT.toISOString() };
    const grown = item(id(0x102), { relations: [relation] });
    // Adding the first relation only inserts owned rows: still one statement
    expect(appendsWithRows(decision({ changes: [update('Item', I, { relations: [relation] })] }))).toBe(true);
    // Changing existing ones deletes them first: not
    expect(appendsWithRows(decision({ changes: [update('Item', grown, { relations: [] })] }))).toBe(false);
  });

  it('false over the parameter limit (many events), true just under it', () => {
    // 17 parameters per event, one per attribute and one more per change; the limit is 60,000
    expect(appendsWithRows(decision({ events: events(3600), changes: [] }))).toBe(false);
    expect(appendsWithRows(decision({ events: events(3529), changes: [] }))).toBe(true);
    // Item: 8 attributes + 1; 3529 * 17 + 9 = 60,002
    expect(appendsWithRows(decision({ events: events(3529), changes: [nestedCreate()[0]!] }))).toBe(false);
  });

  it('false over the parameter limit from many rows', () => {
    // 1 event per comment is 17 + 7 parameters each: 2,500 comments are 60,000
    const comments = Array.from({ length: 2500 }, (_, i) => create('Comment', id(0x10000 + i), { body: `c${i}`, itemId: ITEM }));
    expect(appendsWithRows(decision({ events: events(2500), changes: comments }))).toBe(false);
    expect(appendsWithRows(decision({ events: events(2499), changes: comments.slice(0, 2499) }))).toBe(true);
  });
});
