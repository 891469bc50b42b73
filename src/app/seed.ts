import type { DatabaseConfig } from '../db/config';
import { withStartupLock } from '../db/startup-lock';
import type { EngineContext } from '../engine/context';
import type { PrismaClient } from '../generated/prisma/client';
import type { ActionStep } from '../engine/write/step';
import { runUnitOfWork } from '../engine/write/unit-of-work';
import { uuidv7 } from '../events/uuidv7';

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

/**
 * Demo data for GraphiQL, written through the engine like any client write,
 * so it is all in the event log too, as ONE unit of work: all of it or
 * nothing (a process killed while seeding leaves no partial demo data, and
 * the next start seeds again). Each record is a root action of its own,
 * decided in order (a later one sees the records the earlier ones created),
 * with its id chosen here so that later ones can name it, and its time: the
 * records a minute before the seed runs, one millisecond apart, and the
 * relations half a minute later (Item.relations, added with the addRelation
 * custom action), so that an item's history has a past to travel to. The seed runs trusted and as
 * nobody, so it names each workspace's owner (members in turn) and gives
 * every item an ADMIN, as the reference app's rules expect. Returns how
 * many events it appended.
 */
export async function seedDemoData(ctx: EngineContext): Promise<number> {
  const outcome = await runUnitOfWork(ctx, demoDataSteps(ctx.now?.() ?? new Date()), (index, path) => [String(index), ...path]);
  if (!outcome.ok) throw new Error(`Seeding the demo data failed: ${outcome.errors.map((e) => `${e.path.join('.')}: ${e.message}`).join('; ')}`);
  return outcome.events;
}

/**
 * Seeds the demo data unless the event log already holds events, as one
 * instance at a time (withStartupLock): instances starting together on an
 * empty database seed one copy. Returns the events appended (0: not seeded).
 */
export async function seedDemoDataOnce(ctx: EngineContext & { readonly prisma: Pick<PrismaClient, 'event'> }, config: DatabaseConfig): Promise<number> {
  return withStartupLock(config, async () => ((await ctx.prisma.event.count()) === 0 ? seedDemoData(ctx) : 0));
}

/** The demo data as the root actions of one unit of work, in an order in which each names only records before it. */
export function demoDataSteps(now: Date): ActionStep[] {
  const steps: ActionStep[] = [];
  const at = (msBeforeNow: number) => new Date(now.getTime() - msBeforeNow + steps.length);
  const create = (resource: string, input: Input): string => {
    const id = uuidv7();
    steps.push({ resource, action: 'create', id, input, occurredAt: at(60_000) });
    return id;
  };
  const relate = (itemId: string, relationType: 'ITEM' | 'MILESTONE', relationId: string) =>
    steps.push({ resource: 'Item', action: 'addRelation', id: itemId, input: { relationType, relationId }, occurredAt: at(30_000) });

  const memberIds: string[] = [];
  for (const { bio, ...member } of MEMBERS) {
    const memberId = create('Member', member);
    memberIds.push(memberId);
    if (bio) create('Profile', { memberId, bio });
  }
  const milestoneIds = MILESTONES.map((milestone) => create('Milestone', milestone));

  let itemIndex = 0;
  for (const [w, workspace] of WORKSPACES.entries()) {
    const ownerId = memberIds[w % memberIds.length];
    const workspaceId = create('Workspace', { name: workspace.name, private: workspace.private, ownerId });
    let previousItemId: string | undefined;
    const itemIds: string[] = [];
    for (const [i, title] of workspace.items.entries()) {
      const itemId = create('Item', { title, workspaceId, priority: (i * 3 + w) % 5, status: i === 0 ? 'DONE' : 'OPEN' });
      for (const body of COMMENTS) create('Comment', { itemId, body });
      for (const k of [0, 1]) {
        const memberId = memberIds[(itemIndex + k) % memberIds.length];
        create('ItemMember', { itemId, memberId, role: k === 0 ? 'ADMIN' : SECOND_ROLES[itemIndex % SECOND_ROLES.length] });
      }
      if (previousItemId) create('ItemDependency', { itemId, dependsOnId: previousItemId });
      previousItemId = itemId;
      itemIds.push(itemId);
      itemIndex += 1;
    }
    relate(itemIds[0]!, 'MILESTONE', milestoneIds[0]!);
    relate(itemIds[0]!, 'ITEM', itemIds.at(-1)!);
  }
  return steps;
}
