/**
 * A realistic event log of about `count` events, built with the engine's own
 * planner (real payload shapes and hash chains) without running a single write:
 * workspaces, members with profiles, milestones, then per item two comments, two
 * memberships, two updates, a relation, a comment edit and a dependency.
 * Whoever appends it writes its stream heads too (`headsOf`, src/events/stream-heads.ts).
 */
import { planAction } from '../src/engine/plan';
import type { RecordState } from '../src/engine/record';
import type { NewEvent } from '../src/events/types';
import { uuidv7 } from '../src/events/uuidv7';
import type { Domain } from '../src/resource';

export function synthesizeLog(domain: Domain, count: number): NewEvent[] {
  const heads = new Map<string, { state: RecordState | null; hash: string | null }>();
  const events: NewEvent[] = [];
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const act = (resource: string, action: string, payload: Record<string, unknown>, id?: string): string => {
    const r = domain.resource(resource);
    const recordId = id ?? uuidv7();
    const head = heads.get(recordId) ?? { state: null, hash: null };
    clock += 7;
    const planned = planAction({
      resource: r, action: r.actionByName.get(action)!, recordId, current: head.state, previousHash: head.hash,
      payload: payload as never, metadata: { actor: null, correlationId: 'bench' }, eventId: uuidv7(), now: new Date(clock),
    });
    if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
    const event = planned.plan.events[0]!;
    events.push(event);
    heads.set(recordId, { state: planned.plan.changes[0]!.after, hash: event.hash });
    return recordId;
  };

  const workspaces = Array.from({ length: 20 }, (_, i) => act('Workspace', 'create', { name: `W${i}`, private: i % 3 === 0 }));
  const members = Array.from({ length: 2000 }, (_, i) => act('Member', 'create', { name: `M${i}`, email: `m${i}@bench.example`, priorityThreshold: i % 5 }));
  members.forEach((memberId, i) => { if (i % 2 === 0) act('Profile', 'create', { bio: `bio ${i}`, memberId }); });
  const milestones = Array.from({ length: 50 }, (_, i) => act('Milestone', 'create', { name: `MS${i}`, dueAt: null }));
  let previous: string | undefined;
  for (let k = 0; events.length < count; k++) {
    const itemId = act('Item', 'create', { title: `Item ${k}`, priority: k % 5, status: 'OPEN', workspaceId: workspaces[k % 20] });
    const comment = act('Comment', 'create', { body: `c1 ${k}`, itemId });
    act('Comment', 'create', { body: `c2 ${k}`, itemId });
    const addedAt = new Date(clock).toISOString();
    act('ItemMember', 'create', { role: 'VIEWER', addedAt, itemId, memberId: members[k % 2000] });
    act('ItemMember', 'create', { role: 'ADMIN', addedAt, itemId, memberId: members[(k + 1) % 2000] });
    act('Item', 'update', { title: `Item ${k} v2` }, itemId);
    act('Item', 'update', { priority: (k * 7) % 5, status: 'DONE' }, itemId);
    act('Item', 'addRelation', { relationType: 'MILESTONE', relationId: milestones[k % 50] }, itemId);
    act('Comment', 'update', { body: `c1 ${k} edited` }, comment);
    if (previous) act('ItemDependency', 'create', { itemId, dependsOnId: previous });
    previous = itemId;
  }
  return events;
}
