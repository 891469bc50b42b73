/**
 * The rows the read benchmark seeds: 10 workspaces, 1,000 members,
 * 1,000 items per workspace, 3 comments and 3 members (ItemMember, role VIEWER) per item.
 * Pure data, built in memory; bench/seed.ts writes it.
 */
import { uuidv7 } from '../src/events/uuidv7';

export const SEED_SIZE = {
  workspaces: 10,
  members: 1_000,
  itemsPerWorkspace: 1_000,
  commentsPerItem: 3,
  membersPerItem: 3,
} as const;

/** Columns every resource table has; the engine derives them from the record's events. */
export interface SystemFields {
  readonly id: string;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type WorkspaceRow = SystemFields & { name: string; private: boolean };
export type MemberRow = SystemFields & { name: string; email: string; priorityThreshold: number };
export type ItemRow = SystemFields & { title: string; priority: number; status: 'OPEN' | 'DONE'; workspaceId: string };
export type CommentRow = SystemFields & { body: string; itemId: string };
export type ItemMemberRow = SystemFields & { role: 'VIEWER'; addedAt: Date; itemId: string; memberId: string };

export interface SeedData {
  readonly workspaces: WorkspaceRow[];
  readonly members: MemberRow[];
  readonly items: ItemRow[];
  readonly comments: CommentRow[];
  readonly itemMembers: ItemMemberRow[];
  /** The item Q2 asks for: a fixed one in the middle of the data. */
  readonly probeItemId: string;
}

/** A record created now, as the engine's first event would leave it (version 1). */
function newRecord(): SystemFields {
  const now = new Date();
  return { id: uuidv7(now.getTime()), version: 1, createdAt: now, updatedAt: now };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function buildSeedData(): SeedData {
  const workspaces: WorkspaceRow[] = [];
  const members: MemberRow[] = [];
  const items: ItemRow[] = [];
  const comments: CommentRow[] = [];
  const itemMembers: ItemMemberRow[] = [];

  for (let m = 0; m < SEED_SIZE.members; m++) {
    members.push({ ...newRecord(), name: `Member ${pad(m, 4)}`, email: `member${pad(m, 4)}@bench.example`, priorityThreshold: m % 5 });
  }
  for (let w = 0; w < SEED_SIZE.workspaces; w++) {
    // Public workspaces: every item is readable without an actor, by both servers.
    const workspace: WorkspaceRow = { ...newRecord(), name: `Workspace ${pad(w, 2)}`, private: false };
    workspaces.push(workspace);
    for (let i = 0; i < SEED_SIZE.itemsPerWorkspace; i++) {
      const n = items.length;
      const item: ItemRow = {
        ...newRecord(),
        title: `Item ${pad(w, 2)}-${pad(i, 4)}`,
        priority: n % 5,
        status: n % 4 === 0 ? 'DONE' : 'OPEN',
        workspaceId: workspace.id,
      };
      items.push(item);
      for (let c = 0; c < SEED_SIZE.commentsPerItem; c++) {
        comments.push({ ...newRecord(), body: `Comment ${c + 1} on item ${pad(w, 2)}-${pad(i, 4)}`, itemId: item.id });
      }
      // Consecutive members (mod 1,000): distinct within an item, 30 items per member.
      for (let k = 0; k < SEED_SIZE.membersPerItem; k++) {
        const member = members[(n * SEED_SIZE.membersPerItem + k) % members.length]!;
        const record = newRecord();
        itemMembers.push({ ...record, role: 'VIEWER', addedAt: record.createdAt, itemId: item.id, memberId: member.id });
      }
    }
  }
  const probeItemId = items[Math.floor(items.length / 2) + 7]!.id;
  return { workspaces, members, items, comments, itemMembers, probeItemId };
}
