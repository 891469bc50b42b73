/**
 * Writes the benchmark data in bulk: for every record its row, its creation event
 * (action "create", version 1, payload = the record's attributes as the engine's cast
 * stores them, date-times as ISO strings, hashed as the engine hashes it) and its
 * stream head, batch by batch, each batch in one transaction - so the database looks
 * like one the engine produced (`npm run verify` passes), without paying one
 * transaction per record.
 */
import type { Prisma, PrismaClient } from '../src/generated/prisma/client';
import { eventHash } from '../src/events/hash';
import type { Payload } from '../src/events/types';
import { uuidv7 } from '../src/events/uuidv7';
import type { Progress } from './progress';
import type { SeedData, SystemFields } from './seed-data';

/** Rows per createMany. Event rows have 11 columns: 2,500 rows stay well under PostgreSQL's 65,535 parameters. */
const BATCH_SIZE = 2_500;
const CORRELATION_ID = 'bench-seed';

/** One table to seed: its resource (model) name, rows, and how to insert a batch of them. */
export interface SeedTable {
  readonly resource: string;
  readonly rows: readonly SystemFields[];
  insert(prisma: PrismaClient, rows: readonly SystemFields[]): Prisma.PrismaPromise<Prisma.BatchPayload>;
}

function seedTable<Row extends SystemFields>(
  resource: string,
  rows: readonly Row[],
  insert: (prisma: PrismaClient, rows: Row[]) => Prisma.PrismaPromise<Prisma.BatchPayload>,
): SeedTable {
  return { resource, rows, insert: (prisma, batch) => insert(prisma, batch as Row[]) };
}

/** The tables in dependency order (a row's belongsTo targets are written before it). */
export function seedTables(data: SeedData): SeedTable[] {
  return [
    seedTable('Workspace', data.workspaces, (p, data) => p.workspace.createMany({ data })),
    seedTable('Member', data.members, (p, data) => p.member.createMany({ data })),
    seedTable('Item', data.items, (p, data) => p.item.createMany({ data })),
    seedTable('Comment', data.comments, (p, data) => p.comment.createMany({ data })),
    seedTable('ItemMember', data.itemMembers, (p, data) => p.itemMember.createMany({ data })),
  ];
}

/** The payload of a record's creation event: every attribute, system fields excluded. */
export function creationPayload(row: SystemFields): Payload {
  const { id: _id, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...attributes } = row as SystemFields & Record<string, unknown>;
  const payload: Payload = {};
  for (const [name, value] of Object.entries(attributes)) {
    payload[name] = value instanceof Date ? value.toISOString() : (value as Payload[string]);
  }
  return payload;
}

function creationEvent(resource: string, row: SystemFields): Prisma.EventCreateManyInput & { hash: string } {
  const fields = { resource, recordId: row.id, version: 1, action: 'create', payload: creationPayload(row), payloadVersion: 1, occurredAt: row.createdAt };
  return { id: uuidv7(), ...fields, payload: fields.payload as Prisma.InputJsonObject, actor: null, correlationId: CORRELATION_ID, causationId: null, hash: eventHash(null, fields) };
}

/** Writes every table with its events, reporting progress per table; then refreshes planner statistics. */
export async function writeSeedData(prisma: PrismaClient, tables: readonly SeedTable[], progress: Progress): Promise<number> {
  let records = 0;
  for (const table of tables) {
    const label = `Seeding ${table.resource} (${table.rows.length.toLocaleString('en-US')} rows + events)`;
    progress.update(label, 0, table.rows.length);
    for (let start = 0; start < table.rows.length; start += BATCH_SIZE) {
      const batch = table.rows.slice(start, start + BATCH_SIZE);
      const events = batch.map((row) => creationEvent(table.resource, row));
      await prisma.$transaction([
        prisma.event.createMany({ data: events }),
        prisma.streamHead.createMany({ data: events.map((e) => ({ resource: e.resource, recordId: e.recordId, version: 1, hash: e.hash })) }),
        table.insert(prisma, batch),
      ]);
      progress.update(label, start + batch.length, table.rows.length);
    }
    progress.done(`${label}: done`);
    records += table.rows.length;
  }
  // Fresh statistics, as a settled database would have; otherwise the planner guesses.
  await prisma.$executeRawUnsafe('VACUUM ANALYZE');
  return records;
}
