/** How many values of each kind a pool keeps (the oldest are dropped first). */
const CAP = 300;

/** A bounded list of distinct values in insertion order. */
class Bag<T> {
  private readonly values: T[] = [];
  private readonly seen = new Set<T>();

  add(value: T): void {
    if (this.seen.has(value)) return;
    this.values.push(value);
    this.seen.add(value);
    if (this.values.length > CAP) this.seen.delete(this.values.shift()!);
  }

  delete(value: T): void {
    if (!this.seen.delete(value)) return;
    this.values.splice(this.values.indexOf(value), 1);
  }

  get list(): readonly T[] {
    return this.values;
  }
}

const CURSOR_KEYS = new Set(['cursor', 'startCursor', 'endCursor']);
const TIME_KEYS = new Set(['createdAt', 'updatedAt', 'occurredAt', 'addedAt', 'dueAt']);

/**
 * What the fuzzer has learned from responses: ids by GraphQL type (every
 * object selected with `__typename` and `id`), each record's latest version,
 * cursors, emails and times. Generators draw from it so most ids name records
 * that exist. Insertion order only depends on the responses, so a seed gives
 * the same operations on every run.
 */
export class Pools {
  private readonly ids = new Map<string, Bag<string>>();
  private readonly versions = new Map<string, number>();
  /** Ids of records destroyed since they were learned: NOT_FOUND material. */
  readonly gone = new Bag<string>();
  /** Cursors by the record type of their list (`ItemConnection` / `ItemEdge` -> Item). */
  private readonly cursors = new Map<string, Bag<string>>();
  readonly emails = new Bag<string>();
  readonly times = new Bag<string>();

  /** Learns from a response's `data` (any JSON); `list` is the record type of the enclosing connection. */
  learn(value: unknown, list = ''): void {
    if (Array.isArray(value)) {
      for (const element of value) this.learn(element, list);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const typename = typeof record.__typename === 'string' ? record.__typename : '';
    if (typename && typeof record.id === 'string') {
      this.bag(this.ids, typename).add(record.id);
      if (typeof record.version === 'number') this.versions.set(record.id, record.version);
    }
    const inner = /^(\w+?)(Connection|Edge)$/.exec(typename)?.[1] ?? list;
    for (const [key, field] of Object.entries(record)) {
      if (typeof field === 'string') {
        if (CURSOR_KEYS.has(key)) this.bag(this.cursors, inner).add(field);
        else if (TIME_KEYS.has(key)) this.times.add(field);
        else if (key === 'email') this.emails.add(field);
      } else {
        this.learn(field, inner);
      }
    }
  }

  /** Cursors of lists of `typename`, or of any list when `typename` is undefined. */
  cursorsOf(typename?: string): readonly string[] {
    if (typename !== undefined) return this.cursors.get(typename)?.list ?? [];
    return [...this.cursors.keys()].sort().flatMap((key) => this.cursors.get(key)!.list);
  }

  /** A record that no longer exists. */
  forget(typename: string, id: string): void {
    this.bag(this.ids, typename).delete(id);
    this.gone.add(id);
  }

  idsOf(typename: string): readonly string[] {
    return this.ids.get(typename)?.list ?? [];
  }

  /** Every known id, types in name order. */
  allIds(): string[] {
    return [...this.ids.keys()].sort().flatMap((typename) => this.idsOf(typename));
  }

  versionOf(id: string): number | undefined {
    return this.versions.get(id);
  }

  private bag(bags: Map<string, Bag<string>>, key: string): Bag<string> {
    let bag = bags.get(key);
    if (!bag) bags.set(key, (bag = new Bag()));
    return bag;
  }
}
