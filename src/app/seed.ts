import type { EngineContext } from '../engine/context';
import { runAction } from '../engine/run-action';

type Input = Record<string, unknown>;

async function create(ctx: EngineContext, resource: string, input: Input): Promise<string> {
  const outcome = await runAction(ctx, { resource, action: 'create', input });
  if (!outcome.ok) throw new Error(`Seeding ${resource} failed: ${outcome.errors.map((e) => e.message).join('; ')}`);
  return outcome.record.id;
}

const WORKSPACES = [
  { name: 'Platform', private: false, items: ['Upgrade PostgreSQL', 'Rotate TLS certificates', 'Add read replicas'] },
  { name: 'Mobile app', private: false, items: ['Offline mode', 'Push notifications', 'Dark theme'] },
  { name: 'Hiring', private: true, items: ['Write job description', 'Schedule interviews'] },
];

const COMMENTS = ['Looks good to me.', 'Blocked on review.'];

/**
 * Demo data for GraphiQL, written through the engine like any client write,
 * so it is in the event log too. `onProgress` reports each created record.
 */
export async function seedDemoData(ctx: EngineContext, onProgress: (done: number, total: number) => void = () => {}): Promise<number> {
  const total = WORKSPACES.reduce((n, w) => n + 1 + w.items.length * (1 + COMMENTS.length), 0);
  let done = 0;
  const step = () => onProgress(++done, total);
  for (const [w, workspace] of WORKSPACES.entries()) {
    const workspaceId = await create(ctx, 'Workspace', { name: workspace.name, private: workspace.private });
    step();
    for (const [i, title] of workspace.items.entries()) {
      const itemId = await create(ctx, 'Item', { title, workspaceId, priority: (i * 3 + w) % 5, status: i === 0 ? 'DONE' : 'OPEN' });
      step();
      for (const body of COMMENTS) {
        await create(ctx, 'Comment', { itemId, body });
        step();
      }
    }
  }
  return done;
}
