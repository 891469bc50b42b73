import { createAppDomain } from '../../src/app/domain';
import { evolve } from '../../src/engine/evolve';
import { eventHash } from '../../src/events/hash';
import { planAction, type PlanInput } from '../../src/engine/plan';
import type { RecordState } from '../../src/engine/record';

const domain = createAppDomain();
const item = domain.resource('Item');
const workspace = domain.resource('Workspace');
const recordId = '0190a6f0-0000-7000-8000-0000000000aa';
const workspaceId = '0190a6f0-0000-7000-8000-000000000001';
const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-01-02T00:00:00Z');

const base = (overrides: Partial<PlanInput>): PlanInput => ({
  resource: item,
  action: item.actionByName.get('create')!,
  recordId,
  current: null,
  previousHash: null,
  payload: { title: 'T', priority: 0, status: 'OPEN', workspaceId },
  metadata: { actor: 'actor-1', correlationId: 'corr-1' },
  eventId: '0190a6f0-0000-7000-8000-0000000000e1',
  now: t0,
  ...overrides,
});

const created: RecordState = { id: recordId, version: 1, createdAt: t0, updatedAt: t0, title: 'T', priority: 0, status: 'OPEN', workspaceId, relations: [] };

describe('planning an action (pure)', () => {
  it('plans a create as one version-1 event, the new state, and a reference check of its belongsTo key', () => {
    const result = planAction(base({}));
    expect(result).toEqual({
      ok: true,
      plan: {
        events: [{
          id: '0190a6f0-0000-7000-8000-0000000000e1', resource: 'Item', recordId, version: 1, action: 'create',
          payload: { title: 'T', priority: 0, status: 'OPEN', workspaceId }, payloadVersion: 1,
          actor: 'actor-1', correlationId: 'corr-1', causationId: null, occurredAt: t0,
          // The first link of the record's hash chain: nothing before it.
          hash: eventHash(null, { resource: 'Item', recordId, version: 1, action: 'create', payload: { title: 'T', priority: 0, status: 'OPEN', workspaceId }, payloadVersion: 1, occurredAt: t0 }),
        }],
        links: [],
        changes: [{ resource: item, recordId, before: null, after: created }],
        references: [{ resource: 'Workspace', id: workspaceId, path: ['workspaceId'] }],
        dependents: [],
        snapshots: [],
      },
    });
  });

  it('plans an update from the current state at the next version', () => {
    const result = planAction(base({ action: item.actionByName.get('update')!, current: created, payload: { priority: 4 }, now: t1, expectedVersion: 1 }));
    expect(result.ok && result.plan.events[0]!.version).toBe(2);
    expect(result.ok && result.plan.changes[0]!.after).toEqual({ ...created, priority: 4, version: 2, updatedAt: t1 });
    expect(result.ok && result.plan.references).toEqual([]);
  });

  it('plans a destroy with the dependents of every hasMany and what becomes of them (onDestroy)', () => {
    const state: RecordState = { id: workspaceId, version: 3, createdAt: t0, updatedAt: t0, name: 'W', private: false };
    const result = planAction(base({ resource: workspace, action: workspace.actionByName.get('destroy')!, recordId: workspaceId, current: state, payload: {} }));
    expect(result.ok && result.plan.changes[0]!.after).toBeNull();
    expect(result.ok && result.plan.dependents).toEqual([{ resource: 'Item', attribute: 'workspaceId', id: workspaceId, relationship: 'items', onDestroy: 'restrict' }]);
  });

  it('refuses a stale expectedVersion and an update of a missing record', () => {
    expect(planAction(base({ action: item.actionByName.get('update')!, current: created, payload: {}, expectedVersion: 2 }))).toEqual({
      ok: false,
      errors: [{ code: 'STALE_RECORD', message: `Item "${recordId}" is at version 1, not the expected 2; reload it and retry.`, fields: ['expectedVersion'], path: ['expectedVersion'] }],
    });
    expect(planAction(base({ action: item.actionByName.get('update')!, current: null, payload: {} }))).toEqual({
      ok: false,
      errors: [{ code: 'NOT_FOUND', message: `No Item with id "${recordId}".`, fields: ['id'], path: ['id'] }],
    });
  });
});

describe('folding events (evolve)', () => {
  it('rebuilds a record from create + update and ends it at destroy', () => {
    const event = (version: number, action: string, payload: Record<string, never> | Record<string, unknown>, occurredAt = t0) => ({
      id: `e${version}`, resource: 'Item', recordId, version, action, payload: payload as never, payloadVersion: 1,
      actor: null, correlationId: null, causationId: null, occurredAt, hash: '',
    });
    const events = [
      event(1, 'create', { title: 'T', priority: 0, status: 'OPEN', workspaceId }),
      event(2, 'update', { title: 'U' }, t1),
    ];
    const state = events.reduce<RecordState | null>((s, e) => evolve(item, s, e), null);
    expect(state).toEqual({ ...created, title: 'U', version: 2, updatedAt: t1 });
    expect(evolve(item, state, event(3, 'destroy', {}))).toBeNull();
    expect(() => evolve(item, null, event(1, 'archive', {}))).toThrow('Item has no action "archive" (event e1).');
  });
});
