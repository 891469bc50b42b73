import { appendEvents } from '../events/store';
import type { EventLinkRef, NewEvent } from '../events/types';
import type { Client } from '../db/delegate';
import type { Folded } from './fold';

/** Most events one append statement carries (12 parameters each, 5 more per stream head; PostgreSQL takes 65,535). */
const EVENTS_PER_STATEMENT = 2000;

/**
 * The events a write has decided but not yet appended, and the records it
 * has written: appended together at the end of each root action (`flush`),
 * in one statement (per 2,000 events) that also moves every stream head,
 * instead of one statement per record. Until then, the log does not show
 * them, so the write's own later steps read a record it already wrote from
 * `written` (its state, version and hash after this request's events),
 * never from the log.
 */
export class PendingEvents {
  private readonly events: NewEvent[] = [];
  private readonly links: (EventLinkRef & { eventId: string })[] = [];
  private readonly folded = new Map<string, Folded>();

  /** Queues a record's new events (consecutive versions) and remembers where they leave it. */
  add(events: readonly NewEvent[], links: readonly (EventLinkRef & { eventId: string })[], after: Folded & { resource: string; recordId: string }): void {
    this.events.push(...events);
    this.links.push(...links);
    this.folded.set(keyOf(after.resource, after.recordId), { state: after.state, version: after.version, hash: after.hash });
  }

  /** The record as this request left it, or undefined when the request has not written it. */
  written(resource: string, recordId: string): Folded | undefined {
    return this.folded.get(keyOf(resource, recordId));
  }

  /** Appends every queued event and link (see appendEvents: a head that moved meanwhile is a StreamVersionConflict). */
  async flush(tx: Client): Promise<void> {
    const events = this.events.splice(0);
    const links = this.links.splice(0);
    for (let start = 0; start < events.length; start += EVENTS_PER_STATEMENT) {
      const chunk = events.slice(start, start + EVENTS_PER_STATEMENT);
      const ids = new Set(chunk.map((e) => e.id));
      await appendEvents(tx as never, chunk, links.filter((l) => ids.has(l.eventId)));
    }
  }
}

const keyOf = (resource: string, recordId: string) => `${resource}\u0000${recordId}`;
