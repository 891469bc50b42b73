import type { StateView } from './actions';

/**
 * Event-sourcing options of a resource: fields kept only in events, tables
 * rebuilt from the state when it is materialized, payload versions and
 * their upcasters, snapshots and the event link types its actions may set.
 */

/** A field of the folded state with no column: it lives in the events (e.g. a list of related ids). */
export interface VirtualFieldDefinition {
  /** Its value on a new record (JSON). */
  readonly default: () => unknown;
  readonly description?: string;
}

/**
 * The prepare-materialization hook: tables a record owns besides its row (e.g. a
 * join table kept from a virtual list). `prepare` gives, for a state, the rows of
 * each table that belong to the record; the framework sets the owner column
 * (`tables[model]`) and replaces the record's rows when they change. Replay
 * rebuilds the tables from the same function.
 */
export interface MaterializationDefinition {
  /** Prisma model -> the column holding the owning record's id. */
  readonly tables: Readonly<Record<string, string>>;
  readonly prepare: (state: StateView) => Readonly<Record<string, readonly Record<string, unknown>[]>>;
}

/** Upgrades a payload written under version `from` to version `from + 1`. */
export type Upcaster = (payload: Readonly<Record<string, unknown>>) => Record<string, unknown>;

export interface EventOptions {
  /** Schema version of the payloads written now (default 1). */
  readonly payloadVersion?: number;
  /** Upcasters by the version they upgrade from: `{ 1: (p) => ... }` takes a version-1 payload to version 2. */
  readonly upcast?: Readonly<Record<number, Upcaster>>;
  /** A snapshot of the folded state is stored every this many versions (default 100; 0: never). */
  readonly snapshotEvery?: number;
  /** Link types a client may attach to this resource's events (e.g. `replies_to`). */
  readonly linkTypes?: readonly string[];
}
