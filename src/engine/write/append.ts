import type { Client } from '../../db/delegate';
import { appendEvents } from '../../events/store';
import type { Prisma } from '../../generated/prisma/client';
import type { Decision } from './decide';

type Decided = Extract<Decision, { complete: true }>;

/** Most events one append statement carries (12 parameters each, 5 more per stream head; PostgreSQL takes 65,535). */
const EVENTS_PER_STATEMENT = 2000;

/**
 * Appends every event of a decided mutation, with its links, in one statement
 * (per 2,000 events) that also moves every stream head (see appendEvents: a
 * head another writer moved first is a StreamVersionConflict, and nothing is
 * written), then its snapshots in one more.
 */
export async function append(tx: Client, decision: Decided): Promise<void> {
  const { events, links, snapshots } = decision;
  for (let start = 0; start < events.length; start += EVENTS_PER_STATEMENT) {
    const chunk = events.slice(start, start + EVENTS_PER_STATEMENT);
    const ids = new Set(chunk.map((e) => e.id));
    await appendEvents(tx as Prisma.TransactionClient, chunk, links.filter((l) => ids.has(l.eventId)));
  }
  if (snapshots.length > 0) {
    await tx.snapshot.createMany({
      data: snapshots.map(({ resource, snapshot: { recordId, state, ...rest } }) => ({ resource, recordId, ...rest, state: state as Prisma.InputJsonObject })),
    });
  }
}
