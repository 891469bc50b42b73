import type { Client } from '../db/delegate';
import { readStreamSlice, type StreamSlice } from '../events/store';
import type { Resource } from '../resource';
import { evolve } from './evolve';
import { decodeJson, type RecordState } from './record';

/** A record as its events make it: its state (null before it exists or after it is destroyed), and its stream's head. */
export interface Folded {
  readonly state: RecordState | null;
  /** Version of the last event folded (0 for a stream with no events). */
  readonly version: number;
  /** Hash of the last event folded (the chain continues from it). */
  readonly hash: string | null;
}

/**
 * Folds a stream slice: from the snapshot's state (when there is one) through
 * every later event with `evolve`. Stops at a version gap, so an `asOf` read
 * never folds an event whose predecessor it skipped.
 */
export function foldSlice(resource: Resource, slice: StreamSlice): Folded {
  let state: RecordState | null = slice.snapshot ? decodeState(resource, slice.snapshot.state) : null;
  let version = slice.snapshot?.version ?? 0;
  let hash = slice.snapshot?.hash ?? null;
  for (const event of slice.events) {
    if (event.version !== version + 1) break;
    state = evolve(resource, state, event);
    version = event.version;
    hash = event.hash;
  }
  return { state, version, hash };
}

/** Reads and folds one record (one statement); `asOf`: as it was at that time. */
export async function loadRecord(
  tx: Client,
  resource: Resource,
  recordId: string,
  options: { asOf?: Date; useSnapshots?: boolean } = {},
): Promise<Folded> {
  return foldSlice(resource, await readStreamSlice(tx, resource.name, recordId, options));
}

/** A snapshot's JSON state as a record state (system and attribute dates as `Date`s). */
function decodeState(resource: Resource, json: Record<string, unknown>): RecordState | null {
  if (json.id === undefined) return null; // the snapshot of a destroyed record
  return decodeJson((name) => resource.attributeByName.get(name), json as never) as RecordState;
}
