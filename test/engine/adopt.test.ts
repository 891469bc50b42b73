import { AdoptRefused, adopt } from '../../src/engine/adopt';
import { replay } from '../../src/engine/replay';
import { eventHash } from '../../src/events/hash';
import { readStream } from '../../src/events/store';
import { verifyLog } from '../../src/events/verify';
import { uuidv7 } from '../../src/events/uuidv7';
import { startTestApp, type TestApp } from '../support/app';
import { expectSameTables, snapshotTables } from '../support/compare-tables';
import { createItem, createWorkspace } from '../support/fixtures';

/**
 * `adopt` over rows inserted with plain SQL beside records the engine wrote:
 * one create event per row (the cast payload, createdAt as occurredAt, the
 * engine's hash), a head per stream, verify passes, replay rebuilds the same
 * tables, a second run adds nothing, and the adopted records take writes.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ authorize: false });
});
afterAll(() => app.dispose());

const sql = (text: string) => app.prisma.$executeRawUnsafe(text);
const eventCount = () => app.prisma.event.count();

/** A plain-SQL import, as the benchmark harness seeds a database: version 1, createdAt = updatedAt. */
async function importRows(): Promise<Record<string, string>> {
  const ids = { workspace: uuidv7(), member: uuidv7(), item: uuidv7(), comment: uuidv7(), itemMember: uuidv7(), milestone: uuidv7(), historied: uuidv7() };
  const at = `'2026-03-01T10:00:00.123Z'`;
  await sql(`INSERT INTO "Workspace" (id, version, "createdAt", "updatedAt", name, private) VALUES ('${ids.workspace}', 1, ${at}, ${at}, 'Imported', true)`);
  await sql(`INSERT INTO "Member" (id, version, "createdAt", "updatedAt", name, email, "priorityThreshold") VALUES ('${ids.member}', 1, ${at}, ${at}, 'Imp', 'imp@adopt.test', 3)`);
  await sql(`INSERT INTO "Item" (id, version, "createdAt", "updatedAt", title, priority, status, "workspaceId") VALUES ('${ids.item}', 1, ${at}, ${at}, 'Imported item', 2, 'DONE', '${ids.workspace}')`);
  await sql(`INSERT INTO "Comment" (id, version, "createdAt", "updatedAt", body, "itemId") VALUES ('${ids.comment}', 1, ${at}, ${at}, 'hello', '${ids.item}')`);
  await sql(`INSERT INTO "ItemMember" (id, version, "createdAt", "updatedAt", role, "addedAt", "itemId", "memberId")
             VALUES ('${ids.itemMember}', 1, ${at}, ${at}, 'ADMIN', '2026-03-02T08:00:00.456789Z', '${ids.item}', '${ids.member}')`);
  await sql(`INSERT INTO "Milestone" (id, version, "createdAt", "updatedAt", name, "dueAt") VALUES ('${ids.milestone}', 1, ${at}, ${at}, 'M', NULL)`);
  // A row that claims a history (version 4, updated later) and a sub-millisecond createdAt: normalized.
  await sql(`INSERT INTO "Item" (id, version, "createdAt", "updatedAt", title, priority, status, "workspaceId")
             VALUES ('${ids.historied}', 4, '2026-03-01T11:00:00.987654Z', '2026-03-05T00:00:00Z', 'Old item', 0, 'OPEN', '${ids.workspace}')`);
  return ids;
}

describe('adopt', () => {
  let ids: Record<string, string>;
  let engineItem: string;

  beforeAll(async () => {
    const workspace = await createWorkspace(app, 'Engine-made');
    engineItem = await createItem(app, workspace, { title: 'has events' });
    ids = await importRows();
  });

  it('gives every row without events one create event (cast payload, engine hash) and a stream head; rows with events are left alone', async () => {
    const before = await eventCount();
    const progress: number[] = [];
    const result = await adopt(app.db, app.domain, { batchSize: 2, onProgress: (p) => progress.push(p.done) });
    expect(result).toMatchObject({ adopted: { Workspace: 1, Member: 1, Item: 2, Comment: 1, ItemMember: 1, Milestone: 1 }, total: 7, normalized: 2 });
    // Normalized: the historied item, and the membership whose addedAt had microseconds.
    expect(progress.at(-1)).toBe(7);
    expect(await eventCount()).toBe(before + 7);
    expect((await readStream(app.prisma, 'Item', engineItem)).map((e) => e.correlationId)).not.toContain('adopt');

    const [membership] = await readStream(app.prisma, 'ItemMember', ids.itemMember!);
    expect(membership).toMatchObject({
      version: 1, action: 'create', actor: null, correlationId: 'adopt', causationId: null, payloadVersion: 1,
      occurredAt: new Date('2026-03-01T10:00:00.123Z'),
      // Every attribute the create action accepts, date-times as ISO strings at millisecond precision.
      payload: { role: 'ADMIN', addedAt: '2026-03-02T08:00:00.456Z', itemId: ids.item, memberId: ids.member },
    });
    const { id: _id, position: _position, actor: _actor, correlationId: _c, causationId: _cause, hash, ...fields } = membership!;
    expect(hash).toBe(eventHash(null, fields));
    const [workspace] = await readStream(app.prisma, 'Workspace', ids.workspace!);
    expect(workspace!.payload).toEqual({ name: 'Imported', private: true, ownerId: null });
    const heads = await app.prisma.streamHead.findMany({ where: { recordId: { in: Object.values(ids) } } });
    expect(heads).toHaveLength(7);
    for (const head of heads) expect(head.version).toBe(1);
  });

  it('normalizes a row that claims a history the log lacks: version 1, updatedAt = createdAt, cut to milliseconds', async () => {
    const row = await app.prisma.item.findUniqueOrThrow({ where: { id: ids.historied } });
    expect(row).toMatchObject({ version: 1, createdAt: new Date('2026-03-01T11:00:00.987Z'), updatedAt: new Date('2026-03-01T11:00:00.987Z') });
    const [{ t }] = await app.prisma.$queryRawUnsafe<{ t: string }[]>(`SELECT "addedAt"::text AS t FROM "ItemMember" WHERE id = '${ids.itemMember}'`) as [{ t: string }];
    expect(t).toMatch(/08:00:00\.456\+00$/);
  });

  it('leaves a log that verifies and that replay turns back into the same tables (stream heads included)', async () => {
    expect(await verifyLog(app.db.sql)).toMatchObject({ ok: true });
    const live = await snapshotTables(app.db, app.domain);
    await replay(app.db, app.domain);
    expectSameTables(await snapshotTables(app.db, app.domain), live);
  });

  it('is idempotent: a second run adds nothing', async () => {
    const before = await eventCount();
    expect(await adopt(app.db, app.domain)).toMatchObject({ adopted: {}, total: 0, normalized: 0 });
    expect(await eventCount()).toBe(before);
  });

  it('adopted records take writes like any other', async () => {
    const { body } = await app.gql(`mutation($id: ID!) { updateItem(id: $id, input: { title: "After adopt" }) { result { version title } errors { code } } }`, { id: ids.item });
    expect(body.data.updateItem).toEqual({ result: { version: 2, title: 'After adopt' }, errors: [] });
    expect(await verifyLog(app.db.sql)).toMatchObject({ ok: true });
  });

  it('refuses, writing nothing, a record with rows in a table it owns (ItemRelation) and a row the cast refuses', async () => {
    const workspace = await createWorkspace(app, 'For refusals');
    const item = uuidv7();
    const milestone = uuidv7();
    await sql(`INSERT INTO "Milestone" (id, version, "createdAt", "updatedAt", name) VALUES ('${milestone}', 1, now(), now(), 'Target')`);
    await sql(`INSERT INTO "Item" (id, version, "createdAt", "updatedAt", title, priority, status, "workspaceId") VALUES ('${item}', 1, now(), now(), 'Related', 0, 'OPEN', '${workspace}')`);
    await sql(`INSERT INTO "ItemRelation" ("itemId", "targetType", "targetId", "addedAt") VALUES ('${item}', 'Milestone', '${milestone}', now())`);
    const before = await eventCount();
    await expect(adopt(app.db, app.domain)).rejects.toThrow(new AdoptRefused(
      `Item ${item} has 1 row(s) in ItemRelation, which only Item's events keep (the materialization hook); adopt records creates only and cannot invent those events. ` +
        'Delete the ItemRelation rows of Item records without events, run adopt, then add them again through the API (e.g. addItemRelation).',
    ));
    expect(await eventCount()).toBe(before);
    await sql(`DELETE FROM "ItemRelation" WHERE "itemId" = '${item}'`);

    await sql(`UPDATE "Item" SET title = '${'x'.repeat(501)}' WHERE id = '${item}'`);
    await expect(adopt(app.db, app.domain)).rejects.toThrow(`Item ${item} cannot be adopted: title must be at most 500 characters but has 501. Fix the row and run adopt again.`);
    expect(await eventCount()).toBe(before);

    await sql(`UPDATE "Item" SET title = 'Fixed' WHERE id = '${item}'`);
    expect(await adopt(app.db, app.domain)).toMatchObject({ adopted: { Milestone: 1, Item: 1 }, total: 2 });
    expect(await verifyLog(app.db.sql)).toMatchObject({ ok: true });
  });
});
