import { streamKey } from '../../events/store';
import type { EventLinkRef, NewEvent, WriteMetadata } from '../../events/types';
import type { Domain, KeyedRelationship, PolicyWhere, Resource } from '../../resource';
import { stableJson } from '../../util/stable-json';
import type { Authorization } from '../authorization';
import type { Folded } from '../fold';
import type { RelatedRecord } from '../managed/plan-managed';
import type { PlannedSnapshot, RecordChange } from '../plan';
import type { RecordState } from '../record';
import { PENDING, type ChildrenFact, type Facts, type FactNeed, type LookupFact, type MatchesFact, type Pending, type RelatedFact, type StateFact } from './facts';
import { evaluateWhere } from './evaluate-where';
import type { ActionStep } from './step';

/** What a decision is about: the mutation's root actions (one, or a bulk mutation's entries) and who runs them. */
export interface DecideInput {
  readonly domain: Domain;
  readonly authorization: Authorization;
  /** The acting person (relateActor keys); null for services, anonymous requests and the engine's own callers. */
  readonly actorId: string | null;
  readonly metadata: WriteMetadata;
  readonly now: Date;
  /** New record and event ids (UUIDv7 in production; a counter in tests). */
  readonly newId: () => string;
  readonly roots: readonly ActionStep[];
  /**
   * Leave the existence of client-given keys to records of resources without
   * a read filter to the foreign keys (a violation is NOT_FOUND at the key),
   * instead of gathering it: what lets a plain create decide with no fact and
   * run as one statement.
   */
  readonly keysCheckedByDatabase?: boolean;
}

/** A record's change, where its entry sits in its root action's input, and which root it belongs to. */
export interface PlannedChange extends RecordChange {
  readonly path: readonly string[];
  readonly root: number;
}

/** An invariant to check on the projected rows (it reads related rows, so it is checked after the writes, before commit). */
export interface InvariantCheck {
  readonly resource: Resource;
  readonly recordId: string;
  /** The action's input and keys: which invariants it triggers. */
  readonly given: Readonly<Record<string, unknown>>;
  readonly path: readonly string[];
  readonly root: number;
}

/** A record this mutation wrote: as it leaves it (state null: destroyed), and whether its stream began here. */
interface Written extends Folded {
  readonly created: boolean;
}

/** Equal key values: primitives by identity, anything else by its JSON. */
const sameValue = (a: unknown, b: unknown): boolean =>
  a === b || (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && stableJson(a) === stableJson(b));

const EMPTY: Folded = { state: null, version: 0, hash: null };

/**
 * One pass of the decision over the facts known so far: what it decided
 * (events, changes, snapshots, invariants to check) and the records it wrote,
 * which later steps see instead of the facts (the overlay: facts describe the
 * database before the mutation). A pass that met a fact not yet gathered is
 * `incomplete`: it goes on as far as it can (to ask for every fact the round
 * needs at once), and only a complete pass counts.
 */
export class Round {
  readonly events: NewEvent[] = [];
  readonly links: (EventLinkRef & { eventId: string })[] = [];
  readonly changes: PlannedChange[] = [];
  readonly snapshots: { resource: string; snapshot: PlannedSnapshot }[] = [];
  readonly invariants: InvariantCheck[] = [];
  /** The current root action's event (every other event of the root is caused by it). */
  rootEventId: string | null = null;
  /** Index of the root action being decided. */
  root = 0;
  /** When the root action being decided happens (see ActionStep.occurredAt). */
  now: Date;
  incomplete = false;
  /** Records whose destroy has begun, as they were, by resource: reaching one again through onDestroy is a cycle. */
  readonly destroying = new Map<string, RecordState[]>();
  private readonly written = new Map<string, Map<string, Written>>();
  /** Each written stream's last hash before the mutation (null: a new stream), by streamKey. */
  readonly startHashes = new Map<string, string | null>();

  constructor(readonly input: DecideInput, private readonly facts: Facts) {
    this.now = input.now;
  }

  /** A fact, or PENDING (the pass is then incomplete). */
  fact<T>(need: FactNeed): T | Pending {
    const value = this.facts.get<T>(need);
    if (value === PENDING) this.incomplete = true;
    return value;
  }

  /** The record as this mutation left it, or undefined when it has not written it. */
  writtenRecord(resource: string, id: string): Written | undefined {
    return this.written.get(resource)?.get(id);
  }

  /** Records a record's new events and where they leave it; `previousHash`: its stream's last hash before them. */
  record(resource: string, id: string, events: readonly NewEvent[], after: RecordState | null, previousHash: string | null): void {
    const last = events.at(-1)!;
    const created = this.writtenRecord(resource, id)?.created ?? last.version === events.length;
    const stream = streamKey(resource, id);
    if (!this.startHashes.has(stream)) this.startHashes.set(stream, previousHash);
    this.events.push(...events);
    const byId = this.written.get(resource) ?? new Map<string, Written>();
    this.written.set(resource, byId);
    // Hashes are chained when the decision is complete (decide.ts); until then an event's is empty.
    byId.set(id, { state: after, version: last.version, hash: last.hash, created });
  }

  /**
   * The records related to a record this mutation created, all of which the
   * decision knows (nothing else can point at a record created in an
   * uncommitted transaction): its hasMany / hasOne records, its belongsTo
   * parent when the mutation created it too. Undefined otherwise (the
   * database knows them). See evaluateWhere.
   */
  readonly relatedOf = (resource: Resource, record: RecordState, relationship: string): readonly RecordState[] | undefined => {
    if (!this.writtenRecord(resource.name, record.id)?.created) return undefined;
    const rel = resource.relationshipByName.get(relationship);
    if (!rel) return undefined;
    if (rel.kind === 'hasMany' || rel.kind === 'hasOne') return this.overlay(rel.destination, rel.destinationAttribute, record.id, []);
    if (rel.kind !== 'belongsTo') return undefined;
    const key = record[rel.sourceAttribute] as string | null;
    if (key === null || key === undefined) return [];
    // A parent the mutation created is known whole; an existing one (changed or not) is the database's.
    const parent = this.writtenRecord(rel.destination, key);
    if (!parent?.created) return undefined;
    return parent.state ? [parent.state] : [];
  };

  /** The state an action on an existing record starts from: as this mutation left it, or folded from the log (its head locked without an expected version). */
  current(resource: string, id: string, expectedVersion: number | null | undefined): Folded | Pending {
    return this.writtenRecord(resource, id) ?? this.fact<StateFact>({ kind: 'state', resource, id, lock: expectedVersion == null });
  }

  /**
   * Whether the row `id` meets `where` (null: any row). A record this
   * mutation created is readable by its creator (`readable`); a condition on
   * it is checked on the database as it was, which does not have it.
   */
  matches(resource: string, id: string, where: PolicyWhere | null, readable = false): MatchesFact | Pending {
    const written = this.writtenRecord(resource, id);
    if (written && written.state === null) return false;
    if (where === null || (readable && written?.created)) return true;
    if (written?.created) return this.holdsInMemory(resource, written.state!, where);
    return this.fact<MatchesFact>({ kind: 'matches', resource, id, where });
  }

  /**
   * A condition on a record this mutation created, which has no row yet:
   * evaluated on its state and the records related to it (evaluateWhere),
   * a parent that exists already asked about as a fact. A condition that
   * cannot be decided so does not hold.
   */
  private holdsInMemory(resourceName: string, state: RecordState, where: PolicyWhere): MatchesFact | Pending {
    let pending = false;
    const holdsFor = (resource: string, id: string, inner: PolicyWhere): boolean | undefined => {
      const held = this.matches(resource, id, inner);
      if (held !== PENDING) return held;
      pending = true;
      return undefined;
    };
    const holds = evaluateWhere(this.input.domain, this.input.domain.resource(resourceName), state, where, this.relatedOf, holdsFor);
    return pending ? PENDING : holds === true;
  }

  /** Whether a record exists and the actor may read it (`readable`; null: any). */
  exists(resource: string, id: string, readable: PolicyWhere | null): MatchesFact | Pending {
    const written = this.writtenRecord(resource, id);
    if (written) return written.state !== null;
    return this.fact<MatchesFact>({ kind: 'matches', resource, id, where: readable ?? {} });
  }

  /** The readable record of `resource` whose `attribute` is `value`, as this mutation leaves it. */
  lookup(resource: string, attribute: string, value: unknown, readable: PolicyWhere | null): LookupFact | Pending {
    for (const written of this.written.get(resource)?.values() ?? []) {
      if (written.state && sameValue(written.state[attribute] ?? null, value)) return written.state;
    }
    const found = this.fact<LookupFact>({ kind: 'lookup', resource, attribute, value, readable });
    if (found === PENDING || found === null) return found;
    // Written but no longer matching (above): destroyed, or its key changed.
    return this.writtenRecord(resource, found.id) ? null : found;
  }

  /** The readable records related to `parent` through `rel`, as this mutation leaves them. */
  related(rel: KeyedRelationship, owner: Resource, parent: RecordState, readable: PolicyWhere | null): RelatedFact | Pending {
    if (rel.kind === 'belongsTo') {
      const key = parent[rel.sourceAttribute] as string | null;
      if (!key) return [];
      const record = this.lookup(rel.destination, 'id', key, readable);
      return record === PENDING ? PENDING : record ? [{ record }] : [];
    }
    const createdHere = this.writtenRecord(owner.name, parent.id)?.created ?? false;
    const base = createdHere ? [] : this.fact<RelatedFact>({ kind: 'related', resource: owner.name, relationship: rel.name, parentId: parent.id, readable });
    if (base === PENDING) return PENDING;
    if (rel.kind !== 'manyToMany') {
      const key = rel.destinationAttribute;
      return this.overlay(rel.destination, key, parent.id, base.map((r) => r.record)).map((record) => ({ record }));
    }
    const links = this.overlay(rel.through, rel.sourceAttributeOnJoinResource, parent.id, base.map((r) => r.link!));
    const known = new Map(base.map((r) => [r.record.id, r.record]));
    const result: RelatedRecord[] = [];
    let pending = false;
    for (const link of links) {
      const destinationId = link[rel.destinationAttributeOnJoinResource] as string;
      const written = this.writtenRecord(rel.destination, destinationId);
      const record = written ? written.state : known.get(destinationId) ?? this.lookup(rel.destination, 'id', destinationId, readable);
      if (record === PENDING) pending = true;
      else if (record) result.push({ record, link });
    }
    return pending ? PENDING : result;
  }

  /** Ids of the rows of `resource` whose `attribute` is `parentId`, readable or not, as this mutation leaves them. */
  children(resource: string, attribute: string, parentId: string, parentResource: string): ChildrenFact | Pending {
    const createdHere = this.writtenRecord(parentResource, parentId)?.created ?? false;
    const base = createdHere ? [] : this.fact<ChildrenFact>({ kind: 'children', resource, attribute, parentId });
    if (base === PENDING) return PENDING;
    return this.overlay(resource, attribute, parentId, base.map((id) => ({ id }) as RecordState)).map((r) => r.id);
  }

  /**
   * `records` (rows of `resource` whose `key` was `parentId` before the
   * mutation) as the mutation leaves them: without those it destroyed or
   * moved, with those it created or moved there, updated, by id.
   */
  private overlay(resource: string, key: string, parentId: string, records: readonly RecordState[]): RecordState[] {
    const writes = this.written.get(resource);
    if (!writes) return [...records];
    const result = new Map<string, RecordState>();
    for (const record of records) if (!writes.has(record.id)) result.set(record.id, record);
    for (const [id, written] of writes) if (written.state && written.state[key] === parentId) result.set(id, written.state);
    return [...result.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

export { EMPTY as NEW_STREAM };
