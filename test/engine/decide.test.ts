import { createAppDomain } from '../../src/app/domain';
import { EDITING_ROLES, itemChangeableBy } from '../../src/app/policies';
import { authorizationFor, TRUSTED, type Authorization } from '../../src/engine/authorization';
import type { Folded } from '../../src/engine/fold';
import type { RelatedRecord } from '../../src/engine/managed/plan-managed';
import type { RecordState } from '../../src/engine/record';
import { decide, type Decision } from '../../src/engine/write/decide';
import { Facts, type FactNeed } from '../../src/engine/write/facts';
import type { ActionStep } from '../../src/engine/write/step';
import { eventHash } from '../../src/events/hash';
import type { NewEvent } from '../../src/events/types';
import type { PolicyWhere } from '../../src/resource';

/**
 * The write path's decision (src/engine/write/decide.ts) without a database:
 * given the facts a round gathered, when the mutation is decided, then it asks
 * for the facts still missing, or returns every event, change and error.
 */

const domain = createAppDomain();
const NOW = new Date('2026-03-01T12:00:00.000Z');
const EARLIER = new Date('2026-01-01T00:00:00.000Z');
const METADATA = { actor: 'tester', correlationId: 'corr-1' };

/** The n-th id a decision mints (the counter of `when`). */
const minted = (n: number) => `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
/** Ids of records that exist before the mutation (a range the counter never reaches). */
const existing = (n: number) => `00000000-0000-7000-9000-${n.toString(16).padStart(12, '0')}`;

const WORKSPACE = existing(0x1);
const MEMBER_A = existing(0xa1);
const MEMBER_B = existing(0xb1);
const MEMBER_C = existing(0xc1);
const ITEM = existing(0x100);
const COMMENT_1 = existing(0x201);
const COMMENT_2 = existing(0x202);
const ACTOR = existing(0xac);

const record = (id: string, values: Record<string, unknown>, version = 1): RecordState =>
  ({ id, version, createdAt: EARLIER, updatedAt: EARLIER, ...values });
const member = (id: string, name: string) => record(id, { name, email: `${name.toLowerCase()}@example.com`, priorityThreshold: 0 });
const item = (version = 1) => record(ITEM, { title: 'Existing', priority: 0, status: 'OPEN', workspaceId: WORKSPACE, relations: [] }, version);
const comment = (id: string, body: string) => record(id, { body, itemId: ITEM });
const membership = (id: string, memberId: string, role = 'VIEWER') => record(id, { role, addedAt: EARLIER, itemId: ITEM, memberId });

// ---- given: the facts known (as `gather` would have read them) ----

/** A builder of Facts, one method per kind of FactNeed. */
class Given {
  readonly facts = new Facts();

  /** A record as its stream folds (null: no such record). */
  state(resource: string, id: string, state: RecordState | null, version = state?.version ?? 0): this {
    const folded: Folded = { state, version, hash: version === 0 ? null : `hash-${id}-${version}` };
    // The lock is not part of the fact's key: a state is a state, locked or not.
    this.facts.set({ kind: 'state', resource, id, lock: true }, folded);
    return this;
  }

  matches(resource: string, id: string, where: PolicyWhere, value: boolean): this {
    this.facts.set({ kind: 'matches', resource, id, where }, value);
    return this;
  }

  lookup(resource: string, attribute: string, value: unknown, found: RecordState | null): this {
    this.facts.set({ kind: 'lookup', resource, attribute, value, readable: null }, found);
    return this;
  }

  related(resource: string, relationship: string, parentId: string, related: readonly RelatedRecord[]): this {
    this.facts.set({ kind: 'related', resource, relationship, parentId, readable: null }, related);
    return this;
  }

  children(resource: string, attribute: string, parentId: string, ids: readonly string[]): this {
    this.facts.set({ kind: 'children', resource, attribute, parentId }, ids);
    return this;
  }

  /** Answers needs a decision asked for with `answer`. */
  answer(needs: readonly FactNeed[], answer: (need: FactNeed) => unknown): this {
    for (const need of needs) this.facts.set(need, answer(need));
    return this;
  }
}

const given = () => new Given();

// ---- when: the decision ----

interface When {
  readonly authorization?: Authorization;
  readonly actorId?: string | null;
  readonly keysCheckedByDatabase?: boolean;
}

/** A fresh id counter, so that deciding again over more facts mints the same ids (as the unit of work rewinds its sequence). */
function counter(): () => string {
  let n = 0;
  return () => minted(++n);
}

function when(facts: Given, roots: readonly ActionStep[], options: When = {}): Decision {
  return decide({
    domain, authorization: options.authorization ?? TRUSTED, actorId: options.actorId ?? null, metadata: METADATA, now: NOW,
    newId: counter(), roots, keysCheckedByDatabase: options.keysCheckedByDatabase,
  }, facts.facts);
}

// ---- then: what the decision says ----

type Complete = Extract<Decision, { complete: true }>;

function complete(decision: Decision): Complete {
  if (!decision.complete) throw new Error(`Expected a complete decision, but it still needs: ${JSON.stringify(decision.needs)}`);
  return decision;
}

function needs(decision: Decision): readonly FactNeed[] {
  if (decision.complete) throw new Error('Expected an incomplete decision, but it is complete.');
  return decision.needs;
}

/** The events as (resource, record, version, action, causation) rows. */
const eventRows = (decision: Complete) =>
  decision.events.map((e) => ({ resource: e.resource, recordId: e.recordId, version: e.version, action: e.action, causationId: e.causationId }));
/** The changes as (resource, record, kind) rows. */
const changeRows = (decision: Complete) =>
  decision.changes.map((c) => ({ resource: c.resource.name, recordId: c.recordId, kind: c.before === null ? 'create' : c.after === null ? 'destroy' : 'update' }));
/** The hash an event must have after `previousHash` (the record's chain). */
const chained = (previousHash: string | null, e: NewEvent) => eventHash(previousHash, {
  resource: e.resource, recordId: e.recordId, version: e.version, action: e.action, payload: e.payload, payloadVersion: e.payloadVersion, occurredAt: e.occurredAt,
});
const errorRows = (decision: Complete) => decision.failed?.errors.map((e) => ({ code: e.code, path: e.path }));

const lookupNeed = (resource: string, value: string): FactNeed => ({ kind: 'lookup', resource, attribute: 'id', value, readable: null });
const stateNeed = (resource: string, id: string, lock: boolean): FactNeed => ({ kind: 'state', resource, id, lock });

describe('decide (pure, no database)', () => {
  describe('a create with nested entries (TRUSTED)', () => {
    const createItem: ActionStep = {
      resource: 'Item', action: 'create',
      input: {
        title: 'Ship it', workspaceId: WORKSPACE,
        comments: [{ body: 'first' }, { body: 'second' }],
        members: [{ id: MEMBER_A, role: 'ADMIN' }, { id: MEMBER_B }],
      },
    };

    it('asks for exactly the member lookups, then decides 5 events with one correlation, caused by the item\'s event, the item before its comments', () => {
      // Keys to the workspace are left to the database's foreign keys (what the one-statement path decides with).
      const facts = given();
      expect(needs(when(facts, [createItem], { keysCheckedByDatabase: true }))).toEqual([
        lookupNeed('Member', MEMBER_A),
        lookupNeed('Member', MEMBER_B),
      ]);

      facts.lookup('Member', 'id', MEMBER_A, member(MEMBER_A, 'Ada')).lookup('Member', 'id', MEMBER_B, member(MEMBER_B, 'Bob'));
      const decision = complete(when(facts, [createItem], { keysCheckedByDatabase: true }));

      expect(decision.failed).toBeNull();
      // Ids in the order minted: the item, its event, the comments (planned), the join records (planned), then each step's event.
      const [itemId, itemEvent, comment1, comment2, join1, join2] = [1, 2, 3, 4, 5, 6].map(minted);
      expect(eventRows(decision)).toEqual([
        { resource: 'Item', recordId: itemId, version: 1, action: 'create', causationId: null },
        { resource: 'Comment', recordId: comment1, version: 1, action: 'create', causationId: itemEvent },
        { resource: 'Comment', recordId: comment2, version: 1, action: 'create', causationId: itemEvent },
        { resource: 'ItemMember', recordId: join1, version: 1, action: 'create', causationId: itemEvent },
        { resource: 'ItemMember', recordId: join2, version: 1, action: 'create', causationId: itemEvent },
      ]);
      expect(decision.events[0]!.id).toBe(itemEvent);
      expect(new Set(decision.events.map((e) => e.correlationId))).toEqual(new Set(['corr-1']));
      expect(new Set(decision.events.map((e) => e.id)).size).toBe(5);
      expect(decision.events.every((e) => e.occurredAt === NOW && e.actor === 'tester')).toBe(true);

      expect(changeRows(decision)).toEqual([
        { resource: 'Item', recordId: itemId, kind: 'create' },
        { resource: 'Comment', recordId: comment1, kind: 'create' },
        { resource: 'Comment', recordId: comment2, kind: 'create' },
        { resource: 'ItemMember', recordId: join1, kind: 'create' },
        { resource: 'ItemMember', recordId: join2, kind: 'create' },
      ]);
      expect(decision.changes.map((c) => c.after)).toMatchObject([
        { id: itemId, title: 'Ship it', priority: 0, status: 'OPEN', workspaceId: WORKSPACE, createdAt: NOW },
        { id: comment1, body: 'first', itemId },
        { id: comment2, body: 'second', itemId },
        { id: join1, role: 'ADMIN', itemId, memberId: MEMBER_A },
        { id: join2, role: 'VIEWER', itemId, memberId: MEMBER_B },
      ]);
      expect(decision.changes.map((c) => c.path)).toEqual([[], ['comments', '0'], ['comments', '1'], ['members', '0'], ['members', '1']]);
      expect(decision.records).toMatchObject([{ id: itemId, version: 1, title: 'Ship it' }]);
      // `members` triggers Item's invariant (an ADMIN among the members): the item is new, so its memberships are
      // exactly those decided here, and the invariant is decided in memory (nothing left to check on the rows).
      expect(decision.invariants).toEqual([]);
    });

    it('decides a new item\'s invariant in memory: members without an ADMIN are INVALID_INPUT at ["members"], nothing decided', () => {
      const noAdmin: ActionStep = { ...createItem, input: { ...createItem.input, members: [{ id: MEMBER_A, role: 'EDITOR' }, { id: MEMBER_B, role: 'VIEWER' }] } };
      const facts = given().lookup('Member', 'id', MEMBER_A, member(MEMBER_A, 'Ada')).lookup('Member', 'id', MEMBER_B, member(MEMBER_B, 'Bob'));
      const decision = complete(when(facts, [noAdmin], { keysCheckedByDatabase: true }));
      expect(decision.failed).toEqual({ root: 0, errors: [expect.objectContaining({ code: 'INVALID_INPUT', path: ['members'] })] });
      expect(decision.invariants).toEqual([]);
    });

    it('leaves an existing item\'s invariant to the written rows (its other memberships are in the database)', () => {
      const update: ActionStep = { resource: 'Item', action: 'update', id: ITEM, expectedVersion: 1, input: { addMembers: [{ id: MEMBER_A, role: 'VIEWER' }] } };
      const facts = given()
        .state('Item', ITEM, item(1))
        .related('Item', 'members', ITEM, [{ record: member(MEMBER_B, 'Bob'), link: membership(existing(0x301), MEMBER_B, 'ADMIN') }])
        .lookup('Member', 'id', MEMBER_A, member(MEMBER_A, 'Ada'));
      const decision = complete(when(facts, [update]));
      expect(decision.failed).toBeNull();
      expect(decision.invariants.map((i) => i.recordId)).toEqual([ITEM]);
    });

    it('in the transaction (keys not left to the database), asks for the workspace\'s existence in the same first round', () => {
      const facts = given();
      expect(needs(when(facts, [createItem]))).toEqual([
        lookupNeed('Member', MEMBER_A),
        lookupNeed('Member', MEMBER_B),
        { kind: 'matches', resource: 'Workspace', id: WORKSPACE, where: {} },
      ]);
      facts.lookup('Member', 'id', MEMBER_A, member(MEMBER_A, 'Ada')).lookup('Member', 'id', MEMBER_B, member(MEMBER_B, 'Bob'))
        .matches('Workspace', WORKSPACE, {}, true);
      expect(complete(when(facts, [createItem])).events).toHaveLength(5);
    });
  });

  it('collects every error of every entry at every depth at once, and writes nothing', () => {
    const decision = complete(when(given(), [{
      resource: 'Item', action: 'create',
      input: {
        title: 'x'.repeat(501), workspaceId: WORKSPACE,
        comments: [{ body: 42 }, { body: 'fine' }, { body: null }],
        members: [{ id: 'not-a-uuid' }],
      },
    }], { keysCheckedByDatabase: true }));

    expect(decision.failed?.root).toBe(0);
    // In input order (orderErrors): the item's own field, then each entry's.
    expect(errorRows(decision)).toEqual([
      { code: 'INVALID_INPUT', path: ['title'] },
      { code: 'INVALID_INPUT', path: ['comments', '0', 'body'] },
      { code: 'INVALID_INPUT', path: ['comments', '2', 'body'] },
      { code: 'INVALID_INPUT', path: ['members', '0', 'id'] },
    ]);
    expect(decision.events).toEqual([]);
    expect(decision.changes).toEqual([]);
    expect(decision.records).toEqual([]);
    expect(decision.invariants).toEqual([]);
  });

  it('collects the errors of nested entries when the root itself is valid: `failed` is set (the unit of work writes nothing of a failed decision)', () => {
    const decision = complete(when(given(), [{
      resource: 'Item', action: 'create',
      input: { title: 'Fine', workspaceId: WORKSPACE, comments: [{ body: 42 }, { body: 43 }] },
    }], { keysCheckedByDatabase: true }));

    expect(decision.failed?.root).toBe(0);
    expect(errorRows(decision)).toEqual([
      { code: 'INVALID_INPUT', path: ['comments', '0', 'body'] },
      { code: 'INVALID_INPUT', path: ['comments', '1', 'body'] },
    ]);
    // The root's own change was decided before its comments failed: a failed decision's events are not to be appended.
    expect(eventRows(decision).map((e) => e.resource)).toEqual(['Item']);
  });

  describe('an update and its expected version', () => {
    const update = (expectedVersion?: number): ActionStep => ({ resource: 'Item', action: 'update', id: ITEM, input: { title: 'Renamed' }, expectedVersion });

    it('without expectedVersion asks for the state with its head locked; with one, unlocked', () => {
      expect(needs(when(given(), [update()]))).toEqual([stateNeed('Item', ITEM, true)]);
      expect(needs(when(given(), [update(3)]))).toEqual([stateNeed('Item', ITEM, false)]);
    });

    it('decides the next version over the given state, chaining its hash', () => {
      const decision = complete(when(given().state('Item', ITEM, item(3)), [update(3)]));
      expect(decision.failed).toBeNull();
      expect(eventRows(decision)).toEqual([{ resource: 'Item', recordId: ITEM, version: 4, action: 'update', causationId: null }]);
      expect(decision.events[0]!.hash).toBe(chained(`hash-${ITEM}-3`, decision.events[0]!));
      expect(decision.changes[0]).toMatchObject({ before: item(3), after: { ...item(3), title: 'Renamed', version: 4, updatedAt: NOW } });
    });

    it('a stale expectedVersion is STALE_RECORD at ["expectedVersion"]', () => {
      const decision = complete(when(given().state('Item', ITEM, item(3)), [update(2)]));
      expect(decision.failed?.root).toBe(0);
      expect(errorRows(decision)).toEqual([{ code: 'STALE_RECORD', path: ['expectedVersion'] }]);
      expect(decision.events).toEqual([]);
    });
  });

  it('plans managed arguments in declaration order: addMembers [C] then removeMembers [C] adds, then removes C', () => {
    const step: ActionStep = {
      resource: 'Item', action: 'update', id: ITEM,
      // The order in the input does not matter: Item.update declares addMembers before removeMembers.
      input: { removeMembers: [{ id: MEMBER_C }], addMembers: [{ id: MEMBER_C, role: 'EDITOR' }] },
    };
    const facts = given();
    expect(needs(when(facts, [step]))).toEqual([stateNeed('Item', ITEM, true)]);

    facts.state('Item', ITEM, item(1));
    expect(needs(when(facts, [step]))).toEqual([
      { kind: 'related', resource: 'Item', relationship: 'members', parentId: ITEM, readable: null },
      lookupNeed('Member', MEMBER_C),
    ]);

    const LINK_A = existing(0x3a1);
    facts.related('Item', 'members', ITEM, [{ record: member(MEMBER_A, 'Ada'), link: membership(LINK_A, MEMBER_A, 'ADMIN') }])
      .lookup('Member', 'id', MEMBER_C, member(MEMBER_C, 'Cy'));
    const decision = complete(when(facts, [step]));

    expect(decision.failed).toBeNull();
    const itemEvent = minted(1);
    const join = minted(2);
    expect(eventRows(decision)).toEqual([
      { resource: 'Item', recordId: ITEM, version: 2, action: 'update', causationId: null },
      { resource: 'ItemMember', recordId: join, version: 1, action: 'create', causationId: itemEvent },
      { resource: 'ItemMember', recordId: join, version: 2, action: 'destroy', causationId: itemEvent },
    ]);
    expect(changeRows(decision)).toEqual([
      { resource: 'Item', recordId: ITEM, kind: 'update' },
      { resource: 'ItemMember', recordId: join, kind: 'create' },
      { resource: 'ItemMember', recordId: join, kind: 'destroy' },
    ]);
    expect(decision.changes[1]!.after).toMatchObject({ itemId: ITEM, memberId: MEMBER_C, role: 'EDITOR' });
  });

  describe('a signed-in actor and a record it may not read', () => {
    const authorization = authorizationFor(ACTOR);
    const readable = authorization.readWhere(domain.resource('Item'))!;
    // Everything that would ask for more facts about the item, were it readable: a field with a policy condition, members, comments.
    const step: ActionStep = {
      resource: 'Item', action: 'update', id: ITEM,
      input: { title: 'Mine now', members: [{ id: ACTOR, role: 'ADMIN' }], comments: [{ id: COMMENT_1, body: 'edited' }] },
    };
    const as = { authorization, actorId: ACTOR };

    it('a hidden item is NOT_FOUND at ["id"], after asking only for its state and its readability', () => {
      const facts = given();
      expect(needs(when(facts, [step], as))).toEqual([
        stateNeed('Item', ITEM, true),
        { kind: 'matches', resource: 'Item', id: ITEM, where: readable },
      ]);

      facts.state('Item', ITEM, item(1)).matches('Item', ITEM, readable, false);
      const decision = complete(when(facts, [step], as));
      expect(errorRows(decision)).toEqual([{ code: 'NOT_FOUND', path: ['id'] }]);
      expect(decision.failed?.errors[0]!.message).toBe(`No Item with id "${ITEM}".`);
      expect(decision.events).toEqual([]);
    });

    it('a missing item asks for the same facts and gets the same answer', () => {
      const hidden = given().state('Item', ITEM, item(1)).matches('Item', ITEM, readable, false);
      const missing = given().state('Item', ITEM, null).matches('Item', ITEM, readable, false);
      expect(needs(when(given(), [step], as))).toEqual(needs(when(given(), [step], as)));
      expect(complete(when(missing, [step], as))).toEqual(complete(when(hidden, [step], as)));
    });

    it('a readable item goes on to its policies (facts the hidden one is never asked for)', () => {
      const facts = given().state('Item', ITEM, item(1)).matches('Item', ITEM, readable, true);
      // The action's policy (EDITOR or ADMIN, or no members yet) and, for `members`, the changes policy (ADMIN).
      expect(needs(when(facts, [step], as))).toEqual([
        { kind: 'matches', resource: 'Item', id: ITEM, where: itemChangeableBy(ACTOR, EDITING_ROLES) },
        { kind: 'matches', resource: 'Item', id: ITEM, where: itemChangeableBy(ACTOR, ['ADMIN']) },
      ]);
    });
  });

  it('cascades a destroy to the comments given as children: each destroyed, caused by the item\'s destroy, before the item\'s own change', () => {
    const step: ActionStep = { resource: 'Item', action: 'destroy', id: ITEM, input: {} };
    const facts = given();
    expect(needs(when(facts, [step]))).toEqual([stateNeed('Item', ITEM, true)]);

    facts.state('Item', ITEM, item(2));
    const dependents = needs(when(facts, [step]));
    // Every cascading dependent of Item (hasMany comments, and the join records of members, dependencies and dependents), in one round.
    const childrenNeed = (resource: string, attribute: string): FactNeed => ({ kind: 'children', resource, attribute, parentId: ITEM });
    expect(dependents).toEqual([
      childrenNeed('Comment', 'itemId'),
      childrenNeed('ItemMember', 'itemId'),
      childrenNeed('ItemDependency', 'itemId'),
      childrenNeed('ItemDependency', 'dependsOnId'),
    ]);
    // Comments have two; the other dependents (memberships, dependency links) none.
    facts.answer(dependents, (n) => (n.kind === 'children' && n.resource === 'Comment' ? [COMMENT_1, COMMENT_2] : []));

    expect(needs(when(facts, [step]))).toEqual([stateNeed('Comment', COMMENT_1, true), stateNeed('Comment', COMMENT_2, true)]);
    facts.state('Comment', COMMENT_1, comment(COMMENT_1, 'one')).state('Comment', COMMENT_2, comment(COMMENT_2, 'two'));
    const decision = complete(when(facts, [step]));

    expect(decision.failed).toBeNull();
    const itemEvent = minted(1);
    expect(eventRows(decision)).toEqual([
      { resource: 'Item', recordId: ITEM, version: 3, action: 'destroy', causationId: null },
      { resource: 'Comment', recordId: COMMENT_1, version: 2, action: 'destroy', causationId: itemEvent },
      { resource: 'Comment', recordId: COMMENT_2, version: 2, action: 'destroy', causationId: itemEvent },
    ]);
    expect(decision.events[0]!.id).toBe(itemEvent);
    expect(changeRows(decision)).toEqual([
      { resource: 'Comment', recordId: COMMENT_1, kind: 'destroy' },
      { resource: 'Comment', recordId: COMMENT_2, kind: 'destroy' },
      { resource: 'Item', recordId: ITEM, kind: 'destroy' },
    ]);
    // A destroy's record is its last state before it.
    expect(decision.records).toEqual([item(2)]);
  });

  describe('determinism', () => {
    it('the same input, facts and id sequence give deep-equal decisions (incomplete and complete)', () => {
      const step: ActionStep = {
        resource: 'Item', action: 'update', id: ITEM,
        input: { title: 'Again', comments: [{ id: COMMENT_1, body: 'edited' }, { body: 'new' }] },
      };
      const facts = given();
      expect(when(facts, [step])).toEqual(when(facts, [step]));
      facts.state('Item', ITEM, item(1)).related('Item', 'comments', ITEM, [{ record: comment(COMMENT_1, 'one') }, { record: comment(COMMENT_2, 'two') }]);
      facts.lookup('Comment', 'id', COMMENT_1, comment(COMMENT_1, 'one'));
      const partly = when(facts, [step]);
      expect(needs(partly)).toEqual([stateNeed('Comment', COMMENT_2, true), stateNeed('Comment', COMMENT_1, true)]);
      expect(when(facts, [step])).toEqual(partly);
      facts.state('Comment', COMMENT_1, comment(COMMENT_1, 'one')).state('Comment', COMMENT_2, comment(COMMENT_2, 'two'));
      const first = complete(when(facts, [step]));
      expect(first.failed).toBeNull();
      expect(first.events.length).toBe(4); // the item, COMMENT_2 destroyed, COMMENT_1 updated, one created
      expect(complete(when(facts, [step]))).toEqual(first);
    });

    // Attribute defaults are given the mutation's clock (`input.now`), never the wall clock: ItemMember.addedAt is
    // `({ now }) => now`, so the same input and facts decided at two instants give the same join records.
    it('a create with members decided at two instants gives deep-equal decisions (defaults use input.now)', () => {
      const step: ActionStep = { resource: 'Item', action: 'create', input: { title: 'T', workspaceId: WORKSPACE, members: [{ id: MEMBER_A, role: 'ADMIN' }] } };
      const facts = given().lookup('Member', 'id', MEMBER_A, member(MEMBER_A, 'Ada'));
      jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00.000Z') });
      try {
        const first = complete(when(facts, [step], { keysCheckedByDatabase: true }));
        jest.setSystemTime(new Date('2030-01-01T00:00:01.000Z'));
        const second = complete(when(facts, [step], { keysCheckedByDatabase: true }));
        expect(second).toEqual(first);
        expect(first.changes[1]!.after).toMatchObject({ addedAt: NOW });
      } finally {
        jest.useRealTimers();
      }
    });
  });

  describe('a bulk decision (several roots)', () => {
    const W = minted(0x100);
    const createWorkspace: ActionStep = { resource: 'Workspace', action: 'create', id: W, input: { name: 'Team' } };
    const renameWorkspace = (expectedVersion: number): ActionStep => ({ resource: 'Workspace', action: 'update', id: W, input: { name: 'Renamed' }, expectedVersion });

    it('each root sees what the ones before it wrote: a create then an update of the same record need no fact', () => {
      const decision = complete(when(given(), [createWorkspace, renameWorkspace(1)]));
      expect(decision.failed).toBeNull();
      expect(eventRows(decision)).toEqual([
        { resource: 'Workspace', recordId: W, version: 1, action: 'create', causationId: null },
        // A root of its own: not caused by the first root's event.
        { resource: 'Workspace', recordId: W, version: 2, action: 'update', causationId: null },
      ]);
      // The second event continues the first one's hash chain.
      expect(decision.events[1]!.hash).toBe(chained(decision.events[0]!.hash, decision.events[1]!));
      expect(decision.records).toMatchObject([{ id: W, version: 1, name: 'Team' }, { id: W, version: 2, name: 'Renamed' }]);
      expect(decision.changes.map((c) => c.root)).toEqual([0, 1]);
    });

    it('a later root\'s key to a record an earlier root created is known without a fact', () => {
      const createItem: ActionStep = { resource: 'Item', action: 'create', input: { title: 'T', workspaceId: W } };
      const decision = complete(when(given(), [createWorkspace, createItem]));
      expect(decision.failed).toBeNull();
      expect(eventRows(decision).map((e) => e.resource)).toEqual(['Workspace', 'Item']);
    });

    it('the first failing root ends the decision: failed.root is its index', () => {
      const decision = complete(when(given(), [createWorkspace, renameWorkspace(2)]));
      expect(decision.failed?.root).toBe(1);
      expect(errorRows(decision)).toEqual([{ code: 'STALE_RECORD', path: ['expectedVersion'] }]);
      expect(decision.records).toMatchObject([{ id: W, version: 1 }]);
    });
  });
});
