/** Events as the store reads and writes them. */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Payload = { [key: string]: JsonValue };

/** A typed link from an event to an earlier one (e.g. `replies_to`). */
export interface EventLinkRef {
  readonly type: string;
  readonly targetId: string;
}

/** An event about to be appended. */
export interface NewEvent {
  /** UUIDv7. */
  readonly id: string;
  readonly resource: string;
  readonly recordId: string;
  /** 1 for the first event of a record, previous + 1 after that. */
  readonly version: number;
  readonly action: string;
  /** The cast input of the action (JSON). */
  readonly payload: Payload;
  /** The resource's payload schema version when the event was written (older ones are upcast when read). */
  readonly payloadVersion: number;
  readonly actor: string | null;
  readonly correlationId: string | null;
  /** The event that caused this one (e.g. the root event of a nested mutation). */
  readonly causationId: string | null;
  readonly occurredAt: Date;
  /** Link in the record stream's hash chain (see hash.ts). */
  readonly hash: string;
}

/** An appended event: it has its global position in the log. */
export interface StoredEvent extends NewEvent {
  readonly position: bigint;
}

/** Who and what a write happens for; stored on every event it appends. */
export interface WriteMetadata {
  readonly actor: string | null;
  readonly correlationId: string | null;
}
