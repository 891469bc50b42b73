import type { EngineContext } from '../engine/context';
import { runAction } from '../engine/run-action';

type Input = Record<string, unknown>;

const WORKSPACES = [
  { name: 'Platform', private: false, items: ['Upgrade PostgreSQL', 'Rotate TLS certificates', 'Add read replicas'] },
  { name: 'Mobile app', private: false, items: ['Offline mode', 'Push notifications', 'Dark theme'] },
  { name: 'Hiring', private: true, items: ['Write job description', 'Schedule interviews'] },
];

const MEMBERS = [
  { name: 'Ada Lovelace', email: 'ada@example.com', priorityThreshold: 2, bio: 'Writes the first programs.' },
  { name: 'Grace Hopper', email: 'grace@example.com', priorityThreshold: 0, bio: 'Compiles everything.' },
  { name: 'Alan Turing', email: 'alan@example.com', priorityThreshold: 3, bio: null },
];

/** Every seeded item has an ADMIN (the rule every item with members keeps), then an EDITOR or a VIEWER in turn. */
const SECOND_ROLES = ['EDITOR', 'VIEWER'] as const;
const COMMENTS = ['Looks good to me.', 'Blocked on review.'];
const MILESTONES = [{ name: 'Beta', dueAt: '2027-03-01T00:00:00.000Z' }, { name: 'Launch', dueAt: null }];

const itemCount = WORKSPACES.reduce((n, w) => n + w.items.length, 0);
/**
 * Writes the seed makes (for progress): workspaces, members, profiles, milestones, items + 2 comments + 2 memberships each,
 * dependencies, and per workspace two relations of its first item (to the first milestone and to the workspace's last item).
 */
const TOTAL = WORKSPACES.length + MEMBERS.length + MEMBERS.filter((m) => m.bio).length + MILESTONES.length
  + itemCount * (1 + COMMENTS.length + 2) + (itemCount - WORKSPACES.length) + WORKSPACES.length * 2;

/**
 * Demo data for GraphiQL, written through the engine like any client write,
 * so it is all in the event log too. `onProgress` reports each write.
 * Item.relations are added with the addRelation custom action. The seed runs
 * trusted and as nobody, so it names each workspace's owner (members in turn)
 * and gives every item an ADMIN, as the reference app's rules expect.
 */
export async function seedDemoData(ctx: EngineContext, onProgress: (done: number, total: number) => void = () => {}): Promise<number> {
  let done = 0;
  const create = async (resource: string, input: Input): Promise<string> => {
    const outcome = await runAction(ctx, { resource, action: 'create', input });
    if (!outcome.ok) throw new Error(`Seeding ${resource} failed: ${outcome.errors.map((e) => e.message).join('; ')}`);
    onProgress(++done, TOTAL);
    return outcome.record.id;
  };

  const memberIds: string[] = [];
  for (const { bio, ...member } of MEMBERS) {
    const memberId = await create('Member', member);
    memberIds.push(memberId);
    if (bio) await create('Profile', { memberId, bio });
  }
  const milestoneIds: string[] = [];
  for (const milestone of MILESTONES) milestoneIds.push(await create('Milestone', milestone));
  const relate = async (itemId: string, relationType: 'ITEM' | 'MILESTONE', relationId: string) => {
    const outcome = await runAction(ctx, { resource: 'Item', action: 'addRelation', id: itemId, input: { relationType, relationId } });
    if (!outcome.ok) throw new Error(`Seeding a relation failed: ${outcome.errors.map((e) => e.message).join('; ')}`);
    onProgress(++done, TOTAL);
  };

  let itemIndex = 0;
  for (const [w, workspace] of WORKSPACES.entries()) {
    const ownerId = memberIds[w % memberIds.length];
    const workspaceId = await create('Workspace', { name: workspace.name, private: workspace.private, ownerId });
    let previousItemId: string | undefined;
    const itemIds: string[] = [];
    for (const [i, title] of workspace.items.entries()) {
      const itemId = await create('Item', { title, workspaceId, priority: (i * 3 + w) % 5, status: i === 0 ? 'DONE' : 'OPEN' });
      for (const body of COMMENTS) await create('Comment', { itemId, body });
      for (const k of [0, 1]) {
        const memberId = memberIds[(itemIndex + k) % memberIds.length];
        await create('ItemMember', { itemId, memberId, role: k === 0 ? 'ADMIN' : SECOND_ROLES[itemIndex % SECOND_ROLES.length] });
      }
      if (previousItemId) await create('ItemDependency', { itemId, dependsOnId: previousItemId });
      previousItemId = itemId;
      itemIds.push(itemId);
      itemIndex += 1;
    }
    await relate(itemIds[0]!, 'MILESTONE', milestoneIds[0]!);
    await relate(itemIds[0]!, 'ITEM', itemIds.at(-1)!);
  }
  return done;
}
