import type { PolicyWhere } from '../../resource';
import { stableJson } from '../../util/stable-json';
import type { Folded } from '../fold';
import type { RelatedRecord } from '../managed/plan-managed';
import type { RecordState } from '../record';

/**
 * What deciding a mutation needs to know from the database, each fact about
 * records as they were before the mutation (the decision overlays its own
 * writes). `gather` reads the facts of one round in batches: one statement
 * per kind (and per resource or relationship), whatever the number of entries.
 */
export type FactNeed =
  /** A record folded from its stream (snapshot + later events); `lock`: take its stream head first (a writer without expectedVersion). */
  | { readonly kind: 'state'; readonly resource: string; readonly id: string; readonly lock: boolean }
  /** Whether the row `id` meets `where` (readability, a policy's condition; `{}`: whether it exists). */
  | { readonly kind: 'matches'; readonly resource: string; readonly id: string; readonly where: PolicyWhere }
  /** The readable row whose `attribute` is `value` (a lookup key, an identity), or null. */
  | { readonly kind: 'lookup'; readonly resource: string; readonly attribute: string; readonly value: unknown; readonly readable: PolicyWhere | null }
  /** The readable records related to `parentId` through a hasMany, hasOne or manyToMany (with join records), by id. */
  | { readonly kind: 'related'; readonly resource: string; readonly relationship: string; readonly parentId: string; readonly readable: PolicyWhere | null }
  /** Ids of every row of `resource` whose `attribute` is `parentId` (a destroy's dependents), readable or not, by id. */
  | { readonly kind: 'children'; readonly resource: string; readonly attribute: string; readonly parentId: string }
  /** An event of the log the actor may see (a link target): its record, or null. */
  | { readonly kind: 'event'; readonly id: string };

export type StateFact = Folded;
export type MatchesFact = boolean;
export type LookupFact = RecordState | null;
export type RelatedFact = readonly RelatedRecord[];
export type ChildrenFact = readonly string[];
export type EventFact = { readonly resource: string; readonly recordId: string } | null;

/** Stands for a fact not gathered yet: the decision that met it is incomplete. */
export const PENDING: unique symbol = Symbol('pending');
export type Pending = typeof PENDING;

/** The key of a fact (two needs of the same fact share it). */
export function factKey(need: FactNeed): string {
  switch (need.kind) {
    case 'state':
      return `state ${need.resource} ${need.id}`;
    case 'matches':
      return `matches ${need.resource} ${need.id} ${stableJson(need.where)}`;
    case 'lookup':
      return `lookup ${need.resource} ${need.attribute} ${stableJson(need.value)}`;
    case 'related':
      return `related ${need.resource} ${need.relationship} ${need.parentId}`;
    case 'children':
      return `children ${need.resource} ${need.attribute} ${need.parentId}`;
    case 'event':
      return `event ${need.id}`;
  }
}

/**
 * The facts known so far, and those a decision asked for but that are not
 * known yet (`needs`: the next round of gathering).
 */
export class Facts {
  private readonly known = new Map<string, unknown>();
  private readonly wanted = new Map<string, FactNeed>();

  /** The fact, or PENDING (and it is added to `needs`). */
  get<T>(need: FactNeed): T | Pending {
    const key = factKey(need);
    if (this.known.has(key)) return this.known.get(key) as T;
    const earlier = this.wanted.get(key);
    // A state asked for with and without the lock is locked.
    if (!earlier || (need.kind === 'state' && need.lock && !(earlier as { lock: boolean }).lock)) this.wanted.set(key, need);
    return PENDING;
  }

  /** Records a gathered (or given) fact. */
  set(need: FactNeed, value: unknown): this {
    this.known.set(factKey(need), value);
    return this;
  }

  /** The facts asked for and not known. */
  get needs(): FactNeed[] {
    return [...this.wanted.values()];
  }

  /** Forgets what the last decision asked for (before deciding again). */
  startRound(): void {
    this.wanted.clear();
  }

  get size(): number {
    return this.known.size;
  }
}
