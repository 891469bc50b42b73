import type { Prisma } from '../generated/prisma/client';
import type { NewEvent, Payload, StoredEvent } from './types';

type Tx = Prisma.TransactionClient;

/** Another writer appended to the stream first: the version the caller expected is taken. */
export class StreamVersionConflict extends Error {
  constructor(readonly resource: string, readonly recordId: string) {
    super(`Another write to ${resource} ${recordId} committed first.`);
    this.name = 'StreamVersionConflict';
  }
}

/**
 * Appends events inside the caller's transaction. The unique index on
 * (resource, recordId, version) is the optimistic-concurrency guard: a racing
 * writer that took the same version makes this throw `StreamVersionConflict`.
 */
export async function appendEvents(tx: Tx, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  try {
    await tx.event.createMany({ data: events.map((e) => ({ ...e, payload: e.payload as Prisma.InputJsonObject })) });
  } catch (error) {
    if (isUniqueViolation(error)) throw new StreamVersionConflict(events[0]!.resource, events[0]!.recordId);
    throw error;
  }
}

/** Every event of one record, oldest first. */
export async function readStream(tx: Tx, resource: string, recordId: string): Promise<StoredEvent[]> {
  const rows = await tx.event.findMany({ where: { resource, recordId }, orderBy: { version: 'asc' } });
  return rows.map(toStoredEvent);
}

/** Events after `position` in log order, at most `limit`. */
export async function readFromPosition(tx: Tx, position: bigint, limit: number): Promise<StoredEvent[]> {
  const rows = await tx.event.findMany({ where: { position: { gt: position } }, orderBy: { position: 'asc' }, take: limit });
  return rows.map(toStoredEvent);
}

export async function countEvents(tx: Tx): Promise<number> {
  return tx.event.count();
}

function toStoredEvent(row: Prisma.EventModel): StoredEvent {
  return { ...row, payload: row.payload as Payload };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
