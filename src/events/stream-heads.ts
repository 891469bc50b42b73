import type { NewEvent } from './types';

/**
 * Stream heads ("StreamHead": one row per record stream, the version and hash
 * of its last event). Every path that appends moves the head in the same
 * statement as the events (appendEvents, the one-statement create, adopt), and
 * replay rebuilds the heads from the log, so a head always names its stream's
 * last event; `npm run verify` reports a head that does not (a truncated
 * stream) and a stream without one.
 */
export interface StreamHeadRow {
  readonly resource: string;
  readonly recordId: string;
  readonly version: number;
  readonly hash: string;
}

/** A head an append moves: from the version the writer folded (`from`, 0 for a new stream) to its last new event. */
export interface HeadMove extends StreamHeadRow {
  readonly from: number;
}

/**
 * The head moves of a batch of events, one per stream, in order of first
 * appearance. A stream's events in one append must be consecutive versions
 * (as the planner makes them); anything else is a bug of the caller.
 */
export function headMoves(events: readonly NewEvent[]): HeadMove[] {
  const moves = new Map<string, HeadMove>();
  for (const event of events) {
    const key = `${event.resource}\u0000${event.recordId}`;
    const previous = moves.get(key);
    if (previous && event.version !== previous.version + 1) {
      throw new Error(`Events of ${event.resource} ${event.recordId} in one append must be consecutive versions: ${previous.version} then ${event.version}.`);
    }
    const from = previous ? previous.from : event.version - 1;
    moves.set(key, { resource: event.resource, recordId: event.recordId, version: event.version, hash: event.hash, from });
  }
  return [...moves.values()];
}

/** The heads at the end of a log (e.g. a synthesized one): each stream's last event, in order of first appearance. */
export function headsOf(events: readonly NewEvent[]): StreamHeadRow[] {
  const heads = new Map<string, StreamHeadRow>();
  for (const e of events) {
    const key = `${e.resource}\u0000${e.recordId}`;
    if ((heads.get(key)?.version ?? 0) < e.version) heads.set(key, { resource: e.resource, recordId: e.recordId, version: e.version, hash: e.hash });
  }
  return [...heads.values()];
}

/**
 * The conditional write of a batch of heads, as the body of a CTE named
 * after `moves` (a VALUES list of resource, recordId, version, hash, from):
 * insert the head of each new stream, or move an existing one only from the
 * version the writer folded (`from`). It returns the streams whose head
 * moved; one missing from it was moved first by another writer (or, for a
 * new stream, its record exists): the caller then writes nothing and reports
 * the conflict. A stream that has events but no head (written before heads
 * existed and never migrated) gets its head here; the unique (resource,
 * recordId, version) index of "Event" still guards it. One INSERT for any
 * number of heads (a CTE per head made a 1,000-record write slow to plan).
 */
export function headMovesSql(moves: string): string {
  return `INSERT INTO "StreamHead" (resource, "recordId", version, hash)
      SELECT resource, "recordId", version, hash FROM ${moves}
      ON CONFLICT (resource, "recordId") DO UPDATE SET version = EXCLUDED.version, hash = EXCLUDED.hash
      WHERE "StreamHead".version = (SELECT m."from" FROM ${moves} m WHERE m.resource = EXCLUDED.resource AND m."recordId" = EXCLUDED."recordId")
      RETURNING resource, "recordId"::text AS "recordId"`;
}
