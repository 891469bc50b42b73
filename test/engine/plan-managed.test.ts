import { createAppDomain } from '../../src/app/domain';
import { managedEntries } from '../../src/engine/managed/entries';
import { lookupKey, planManaged, type ManagedState, type RelatedRecord } from '../../src/engine/managed/plan-managed';
import { relatedAfter } from '../../src/engine/managed/related-after';
import type { RecordState } from '../../src/engine/record';
import { MANAGE_PRESETS, type KeyedRelationship, type ManagedArgument, type ManageInstructions, type ManageType } from '../../src/resource';

/** The managed-relationship planner, without a database: input + current state -> ordered steps. */
const domain = createAppDomain();
const PARENT = 'parent';

const rec = (id: string, values: Record<string, unknown> = {}) => ({ id, version: 1, createdAt: new Date(0), updatedAt: new Date(0), ...values }) as RecordState;

type ArgOptions = Partial<Omit<ManagedArgument, 'instructions'>> & { instructions?: Partial<ManageInstructions> };

function argFor(relationship: string, type: ManageType, options: ArgOptions = {}): ManagedArgument {
  return {
    name: options.name ?? relationship, relationship, type, valueIsKey: false, lookupBy: ['id'], joinAttributes: [], description: undefined,
    ...options,
    instructions: { ...MANAGE_PRESETS[type], ...options.instructions },
  };
}

function plan(resource: string, arg: ManagedArgument, value: unknown, state: Partial<ManagedState> = {}, fields = ['body', 'name', 'email', 'bio', 'title']) {
  const rel = domain.resource(resource).relationshipByName.get(arg.relationship) as KeyedRelationship;
  const many = rel.kind === 'hasMany' || rel.kind === 'manyToMany';
  const entries = managedEntries(arg, many, value, new Set(fields));
  if (!entries.ok) return { errors: entries.errors };
  if (!entries.given) return { unchanged: true };
  let n = 0;
  const result = planManaged({
    arg, rel, destination: domain.resource(rel.destination), parentId: PARENT, entries: entries.entries,
    state: { current: state.current ?? [], found: state.found ?? new Map() }, newId: () => `new${++n}`,
  });
  return result.ok ? result.plan : { errors: result.errors };
}

/** Plans `value` for `arg` and also returns what planManaged gave (errors with the partial plan) and the related records after it. */
function planWithState(resource: string, arg: ManagedArgument, value: unknown, state: ManagedState, newId: () => string) {
  const rel = domain.resource(resource).relationshipByName.get(arg.relationship) as KeyedRelationship;
  const entries = managedEntries(arg, rel.kind === 'hasMany' || rel.kind === 'manyToMany', value, new Set(['body', 'name', 'email']));
  if (!entries.ok || !entries.given) throw new Error('bad test input');
  const result = planManaged({ arg, rel, destination: domain.resource(rel.destination), parentId: PARENT, entries: entries.entries, state, newId });
  return { result, related: relatedAfter(rel, PARENT, state, result.plan) };
}

const found = (...records: RecordState[]) => new Map(records.map((r) => [lookupKey('id', r.id), r]));
const linked = (id: string, values: Record<string, unknown> = {}): RelatedRecord => ({ record: rec(id, values), link: rec(`link-${id}`) });

describe('hasMany (Item.comments)', () => {
  it('create: creates each entry with the key set to the parent', () => {
    expect(plan('Item', argFor('comments', 'create'), [{ body: 'a' }, { body: 'b' }])).toEqual({
      before: [], parentInput: {},
      after: [
        { op: 'create', resource: 'Comment', id: 'new1', input: { body: 'a', itemId: PARENT }, path: ['comments', '0'] },
        { op: 'create', resource: 'Comment', id: 'new2', input: { body: 'b', itemId: PARENT }, path: ['comments', '1'] },
      ],
    });
  });

  it('direct_control: destroys the missing, updates the matched, creates the new, in that order', () => {
    const current = [{ record: rec('c1') }, { record: rec('c2') }];
    expect(plan('Item', argFor('comments', 'direct_control'), [{ id: 'c1', body: 'edited' }, { body: 'new' }], { current })).toEqual({
      before: [], parentInput: {},
      after: [
        { op: 'destroy', resource: 'Comment', id: 'c2', path: ['comments'] },
        { op: 'update', resource: 'Comment', id: 'c1', input: { body: 'edited' }, path: ['comments', '0'] },
        { op: 'create', resource: 'Comment', id: 'new1', input: { body: 'new', itemId: PARENT }, path: ['comments', '1'] },
      ],
    });
  });

  it('direct_control: [] and null destroy everything; absent changes nothing', () => {
    const current = [{ record: rec('c1') }];
    const destroyAll = { before: [], parentInput: {}, after: [{ op: 'destroy', resource: 'Comment', id: 'c1', path: ['comments'] }] };
    expect(plan('Item', argFor('comments', 'direct_control'), [], { current })).toEqual(destroyAll);
    expect(plan('Item', argFor('comments', 'direct_control'), null, { current })).toEqual(destroyAll);
    expect(plan('Item', argFor('comments', 'direct_control'), undefined, { current })).toEqual({ unchanged: true });
  });

  it('direct_control: an id that is not related is NOT_FOUND, or NOT_RELATED when it exists elsewhere', () => {
    expect(plan('Item', argFor('comments', 'direct_control'), [{ id: 'zz', body: 'x' }])).toEqual({
      errors: [{ code: 'NOT_FOUND', message: 'No Comment with id "zz".', fields: ['id'], path: ['comments', '0', 'id'] }],
    });
    expect((plan('Item', argFor('comments', 'direct_control'), [{ id: 'c9' }], { found: found(rec('c9')) }) as any).errors[0].code).toBe('NOT_RELATED');
  });

  it('append: relates existing records by moving their key to the parent', () => {
    expect(plan('Item', argFor('comments', 'append'), [{ id: 'c9' }], { found: found(rec('c9')) })).toEqual({
      before: [], parentInput: {}, after: [{ op: 'update', resource: 'Comment', id: 'c9', input: { itemId: PARENT }, path: ['comments', '0'] }],
    });
  });
});

describe('manyToMany (Item.members through ItemMember)', () => {
  const members = (type: ManageType, extra: ArgOptions = {}) => argFor('members', type, { joinAttributes: ['role'], lookupBy: ['id', 'email'], ...extra });

  it('append: creates a join record with its join attributes; a missing lookup is NOT_FOUND at its path', () => {
    expect(plan('Item', members('append'), [{ id: 'm1', role: 'ADMIN' }], { found: found(rec('m1')) })).toEqual({
      before: [], parentInput: {},
      after: [{ op: 'create', resource: 'ItemMember', id: 'new1', input: { role: 'ADMIN', itemId: PARENT, memberId: 'm1' }, path: ['members', '0'] }],
    });
    expect(plan('Item', members('append'), [{ id: 'm1' }, { id: 'm2' }], { found: found(rec('m1')) })).toEqual({
      errors: [{ code: 'NOT_FOUND', message: 'No Member with id "m2".', fields: ['id'], path: ['members', '1', 'id'] }],
    });
  });

  it('append: looks members up by identity (email)', () => {
    const ada = rec('m1', { email: 'ada@example.com' });
    const result = plan('Item', members('append'), [{ email: 'ada@example.com' }], { found: new Map([[lookupKey('email', 'ada@example.com'), ada]]) });
    expect(result).toMatchObject({ after: [{ op: 'create', resource: 'ItemMember', input: { memberId: 'm1' } }] });
  });

  it('append_and_remove: unlinks the members left out, links the new ones, ignores the kept ones', () => {
    const current = [linked('a'), linked('b')];
    expect(plan('Item', members('append_and_remove'), [{ id: 'b' }, { id: 'c' }], { current, found: found(rec('c')) })).toEqual({
      before: [], parentInput: {},
      after: [
        { op: 'destroy', resource: 'ItemMember', id: 'link-a', path: ['members'] },
        { op: 'create', resource: 'ItemMember', id: 'new1', input: { itemId: PARENT, memberId: 'c' }, path: ['members', '1'] },
      ],
    });
  });

  it('append_and_remove: [] unlinks every member', () => {
    expect(plan('Item', members('append_and_remove'), [], { current: [linked('a')] })).toMatchObject({
      after: [{ op: 'destroy', resource: 'ItemMember', id: 'link-a' }],
    });
  });

  it('remove: unlinks related members; NOT_RELATED for an existing member that is not related; NOT_FOUND for a missing one', () => {
    expect(plan('Item', members('remove'), [{ id: 'a' }], { current: [linked('a')] })).toMatchObject({ after: [{ op: 'destroy', resource: 'ItemMember', id: 'link-a' }] });
    const result = plan('Item', members('remove'), [{ id: 'a' }, { id: 'd' }, { id: 'e' }], { current: [linked('a')], found: found(rec('d')) }) as any;
    expect(result.errors.map((e: any) => [e.code, e.path])).toEqual([['NOT_RELATED', ['members', '1', 'id']], ['NOT_FOUND', ['members', '2', 'id']]]);
  });

  it('onMatch update: updates join attributes of an existing link', () => {
    expect(plan('Item', members('append', { instructions: { onMatch: 'update' } }), [{ id: 'a', role: 'EDITOR' }], { current: [linked('a')] })).toMatchObject({
      after: [{ op: 'update', resource: 'ItemMember', id: 'link-a', input: { role: 'EDITOR' } }],
    });
  });

  it('onMatch update_join: updates only the link, and only values that change', () => {
    const current = [{ record: rec('a', { name: 'Ada' }), link: rec('link-a', { role: 'VIEWER' }) }, { record: rec('b'), link: rec('link-b', { role: 'EDITOR' }) }];
    const arg = members('append', { instructions: { onMatch: 'update_join' } });
    expect(plan('Item', arg, [{ id: 'a', name: 'ignored', role: 'ADMIN' }, { id: 'b', role: 'EDITOR' }], { current })).toEqual({
      before: [], parentInput: {},
      after: [{ op: 'update', resource: 'ItemMember', id: 'link-a', input: { role: 'ADMIN' }, path: ['members', '0'] }],
    });
  });

  it('onMatch update: a field equal to the current value is not written; no change, no step', () => {
    const current = [{ record: rec('a', { name: 'Ada' }), link: rec('link-a', { role: 'VIEWER' }) }];
    const arg = members('append', { instructions: { onMatch: 'update' } });
    expect(plan('Item', arg, [{ id: 'a', name: 'Ada', role: 'VIEWER' }], { current })).toMatchObject({ after: [] });
    expect(plan('Item', arg, [{ id: 'a', name: 'Ada L.', role: 'VIEWER' }], { current })).toMatchObject({
      after: [{ op: 'update', resource: 'Member', id: 'a', input: { name: 'Ada L.' } }],
    });
  });

  it('relate_and_update: the remaining input goes to the new join record; the member is never updated (as in Ash)', () => {
    // given a member found by its id, and an entry with a join attribute (and a destination field)
    const arg = members('append', { instructions: { onLookup: 'relate_and_update' } });
    // when it is planned
    const result = plan('Item', arg, [{ id: 'm1', name: 'Ada L.', role: 'EDITOR' }], { found: found(rec('m1', { name: 'Ada' })) });
    // then the only step is the link's create, with the role
    expect(result).toEqual({
      before: [], parentInput: {},
      after: [{ op: 'create', resource: 'ItemMember', id: 'new1', input: { role: 'EDITOR', itemId: PARENT, memberId: 'm1' }, path: ['members', '0'] }],
    });
  });

  it('create: creates the member, then the link', () => {
    expect(plan('Item', members('create'), [{ name: 'New', email: 'n@example.com', role: 'VIEWER' }])).toMatchObject({
      after: [
        { op: 'create', resource: 'Member', id: 'new1', input: { name: 'New', email: 'n@example.com' } },
        { op: 'create', resource: 'ItemMember', id: 'new2', input: { role: 'VIEWER', itemId: PARENT, memberId: 'new1' } },
      ],
    });
  });

  it('explicit error instructions: onMatch CONFLICT, onLookup NOT_RELATED, onMissing INVALID_INPUT', () => {
    const codes = (arg: ManagedArgument, value: unknown, state: Partial<ManagedState>) => (plan('Item', arg, value, state) as any).errors.map((e: any) => e.code);
    expect(codes(members('append', { instructions: { onMatch: 'error' } }), [{ id: 'a' }], { current: [linked('a')] })).toEqual(['CONFLICT']);
    expect(codes(members('append', { instructions: { onLookup: 'error' } }), [{ id: 'm1' }], { found: found(rec('m1')) })).toEqual(['NOT_RELATED']);
    expect(codes(members('append', { instructions: { onMissing: 'error' } }), [], { current: [linked('a')] })).toEqual(['INVALID_INPUT']);
  });

  it('valueIsKey: a bare id stands for a member', () => {
    expect(plan('Item', argFor('members', 'append', { valueIsKey: true }), ['m1'], { found: found(rec('m1')) })).toMatchObject({
      after: [{ op: 'create', resource: 'ItemMember', input: { memberId: 'm1' } }],
    });
  });
});

describe('belongsTo (Item.workspace)', () => {
  it('append: sets the key on the parent; create: creates the parent record first', () => {
    expect(plan('Item', argFor('workspace', 'append'), { id: 'w1' }, { found: found(rec('w1')) })).toEqual({ before: [], parentInput: { workspaceId: 'w1' }, after: [] });
    expect(plan('Item', argFor('workspace', 'create'), { name: 'New' }, {}, ['name'])).toEqual({
      before: [{ op: 'create', resource: 'Workspace', id: 'new1', input: { name: 'New' }, path: ['workspace'] }],
      parentInput: { workspaceId: 'new1' },
      after: [],
    });
  });

  it('direct_control with a new parent: the key points to the new one, and the old one is destroyed after the write', () => {
    expect(plan('Item', argFor('workspace', 'direct_control'), { name: 'New' }, { current: [{ record: rec('w0') }] }, ['name'])).toEqual({
      before: [{ op: 'create', resource: 'Workspace', id: 'new1', input: { name: 'New' }, path: ['workspace'] }],
      parentInput: { workspaceId: 'new1' },
      after: [{ op: 'destroy', resource: 'Workspace', id: 'w0', path: ['workspace'] }],
    });
  });

  it('a list for a to-one argument is INVALID_INPUT', () => {
    expect((plan('Item', argFor('workspace', 'append'), [{ id: 'w1' }]) as any).errors[0]).toMatchObject({ code: 'INVALID_INPUT', path: ['workspace'] });
  });
});

describe('hasOne (Member.profile)', () => {
  it('direct_control: replaces the profile (destroy the old one first: the key is unique)', () => {
    expect(plan('Member', argFor('profile', 'direct_control'), { bio: 'new' }, { current: [{ record: rec('p1') }] })).toEqual({
      before: [], parentInput: {},
      after: [
        { op: 'destroy', resource: 'Profile', id: 'p1', path: ['profile'] },
        { op: 'create', resource: 'Profile', id: 'new1', input: { bio: 'new', memberId: PARENT }, path: ['profile'] },
      ],
    });
  });

  it('direct_control with null destroys the profile', () => {
    expect(plan('Member', argFor('profile', 'direct_control'), null, { current: [{ record: rec('p1') }] })).toMatchObject({ after: [{ op: 'destroy', id: 'p1' }] });
  });
});

describe('input shape', () => {
  it('rejects unknown keys at their path, never dropping them', () => {
    expect(plan('Item', argFor('comments', 'create'), [{ body: 'a', colour: 'red' }])).toEqual({
      errors: [{ code: 'INVALID_INPUT', message: 'Unknown field "colour" in comments; expected one of: id, body, name, email, bio, title.', fields: ['colour'], path: ['comments', '0', 'colour'] }],
    });
  });

  it('rejects two entries naming the same record', () => {
    expect((plan('Item', argFor('members', 'append'), [{ id: 'm1' }, { id: 'm1' }], { found: found(rec('m1')) }) as any).errors[0]).toMatchObject({
      code: 'INVALID_INPUT', path: ['members', '1', 'id'],
    });
  });

  it('rejects a scalar without valueIsKey', () => {
    expect((plan('Item', argFor('members', 'append'), ['m1']) as any).errors[0]).toMatchObject({ code: 'INVALID_INPUT', path: ['members', '0'] });
  });
});

describe('every entry is planned: errors come back with the plan of the other entries', () => {
  it('given one entry that finds nothing among two that relate, when planned, then its NOT_FOUND comes with the two links', () => {
    // given
    const arg = argFor('members', 'append', { joinAttributes: ['role'] });
    const state = { current: [], found: found(rec('m1'), rec('m3')) };
    // when
    const { result } = planWithState('Item', arg, [{ id: 'm1' }, { id: 'm2' }, { id: 'm3' }], state, () => 'link');
    // then
    expect(result).toMatchObject({
      ok: false,
      errors: [{ code: 'NOT_FOUND', path: ['members', '1', 'id'] }],
      plan: { after: [{ op: 'create', input: { memberId: 'm1' }, path: ['members', '0'] }, { op: 'create', input: { memberId: 'm3' }, path: ['members', '2'] }] },
    });
  });
});

describe('arguments on the same relationship apply in order, each planned against the related records the one before left', () => {
  const add = argFor('members', 'append', { name: 'addMembers', joinAttributes: ['role'] });
  const remove = argFor('members', 'remove', { name: 'removeMembers' });
  const set = argFor('members', 'append_and_remove', { name: 'members', joinAttributes: ['role'], instructions: { onMatch: 'update_join' } });

  it('given A related, when addMembers [C] then removeMembers [C], then C is linked and that new link destroyed', () => {
    // given
    let n = 0;
    const newId = () => `new${++n}`;
    const before = { current: [linked('a')], found: found(rec('c')) };
    // when
    const added = planWithState('Item', add, [{ id: 'c', role: 'EDITOR' }], before, newId);
    const removed = planWithState('Item', remove, [{ id: 'c' }], { current: added.related, found: found(rec('c')) }, newId);
    // then
    expect(added.related.map((r) => [r.record.id, r.link!.id, r.link!.role])).toEqual([['a', 'link-a', undefined], ['c', 'new1', 'EDITOR']]);
    expect(removed.result).toEqual({ ok: true, plan: { before: [], parentInput: {}, after: [{ op: 'destroy', resource: 'ItemMember', id: 'new1', path: ['removeMembers', '0'] }] } });
    expect(removed.related.map((r) => r.record.id)).toEqual(['a']);
  });

  it('given A related, when members [A as ADMIN, B] then addMembers [B], then B is related already (append ignores it) and A has its new role', () => {
    // given
    const before = { current: [{ record: rec('a'), link: rec('link-a', { role: 'VIEWER' }) }], found: found(rec('a'), rec('b')) };
    // when
    const setted = planWithState('Item', set, [{ id: 'a', role: 'ADMIN' }, { id: 'b' }], before, () => 'link-b');
    const added = planWithState('Item', add, [{ id: 'b', role: 'EDITOR' }], { current: setted.related, found: found(rec('b')) }, () => 'unused');
    // then
    expect(setted.related.map((r) => [r.record.id, r.link!.role])).toEqual([['a', 'ADMIN'], ['b', undefined]]);
    expect(added.result).toEqual({ ok: true, plan: { before: [], parentInput: {}, after: [] } });
  });

  it('given comments c1 and c2, when direct_control keeps c1 edited and creates one, then the related set is c1 (edited) and the new one', () => {
    // given
    const arg = argFor('comments', 'direct_control');
    // when
    const { related } = planWithState('Item', arg, [{ id: 'c1', body: 'edited' }, { body: 'new' }], { current: [{ record: rec('c1') }, { record: rec('c2') }], found: new Map() }, () => 'c3');
    // then
    expect(related.map((r) => [r.record.id, r.record.body])).toEqual([['c1', 'edited'], ['c3', 'new']]);
  });

  it('given a workspace w0, when the belongsTo is set to a new one, then the new one is the related record', () => {
    // given
    const arg = argFor('workspace', 'direct_control');
    const rel = domain.resource('Item').relationshipByName.get('workspace') as KeyedRelationship;
    const state = { current: [{ record: rec('w0') }], found: new Map() };
    const entries = managedEntries(arg, false, { name: 'New' }, new Set(['name']));
    if (!entries.ok || !entries.given) throw new Error('bad test input');
    // when
    const result = planManaged({ arg, rel, destination: domain.resource('Workspace'), parentId: PARENT, entries: entries.entries, state, newId: () => 'w1' });
    // then
    expect(relatedAfter(rel, PARENT, state, result.plan).map((r) => [r.record.id, r.record.name])).toEqual([['w1', 'New']]);
  });
});
