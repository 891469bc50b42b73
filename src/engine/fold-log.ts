import type { StreamHeadRow } from '../events/stream-heads';
import type { StoredEvent } from '../events/types';
import type { Domain, Resource } from '../resource';
import { evolve } from './evolve';
import { encodeState, type RecordState } from './record';

/** A savepoint as the Snapshot table stores it (a row to insert). */
export type SnapshotRow = {
  readonly resource: string;
  readonly recordId: string;
  readonly version: number;
  readonly state: unknown;
  readonly hash: string;
  readonly occurredAt: Date;
};

interface Head {
  readonly resource: Resource;
  readonly recordId: string;
  state: RecordState | null;
  version: number;
  hash: string;
}

/**
 * Folds the whole log, fed in position order, into every record's final state
 * in memory (one entry per record ever written, destroyed ones as null), with
 * the same `evolve` the write path uses. Also collects the snapshots the write
 * path would have stored (a live state at every `snapshotEvery`-th version, as
 * plan.ts does), so a rebuilt Snapshot table matches a live one.
 *
 * Throws when the log contradicts itself: an event whose version does not
 * follow its record's previous one (a deleted or reordered event; `npm run
 * verify` names it), or an event evolve refuses (an update before a create).
 */
export class LogFold {
  private readonly heads = new Map<string, Head>();
  readonly snapshots: SnapshotRow[] = [];

  constructor(private readonly domain: Domain) {}

  apply(event: StoredEvent): void {
    const key = `${event.resource}\u0000${event.recordId}`;
    let head = this.heads.get(key);
    if (!head) {
      head = { resource: this.domain.resource(event.resource), recordId: event.recordId, state: null, version: 0, hash: '' };
      this.heads.set(key, head);
    }
    if (event.version !== head.version + 1) {
      throw new Error(
        `Event ${event.id} (position ${event.position}) is version ${event.version} of ${event.resource} ${event.recordId}, ` +
          `but the log's previous event of that record is version ${head.version}; run \`npm run verify\`.`,
      );
    }
    head.state = evolve(head.resource, head.state, event);
    head.version = event.version;
    head.hash = event.hash;
    const every = head.resource.events.snapshotEvery;
    if (head.state && every > 0 && event.version % every === 0) {
      this.snapshots.push({ resource: event.resource, recordId: event.recordId, version: event.version, state: encodeState(head.state), hash: event.hash, occurredAt: event.occurredAt });
    }
  }

  /** Every stream's head at the end of the log (destroyed records' too), as "StreamHead" stores it. */
  streamHeads(): StreamHeadRow[] {
    return [...this.heads.values()].map((h) => ({ resource: h.resource.name, recordId: h.recordId, version: h.version, hash: h.hash }));
  }

  /** The records that exist at the end of the log, by resource name, each in order of its first event. */
  liveStates(): Map<string, RecordState[]> {
    const byResource = new Map<string, RecordState[]>();
    for (const head of this.heads.values()) {
      if (!head.state) continue;
      const list = byResource.get(head.resource.name);
      if (list) list.push(head.state);
      else byResource.set(head.resource.name, [head.state]);
    }
    return byResource;
  }
}
