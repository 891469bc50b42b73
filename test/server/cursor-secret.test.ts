import { createApp } from '../../src/app/create-app';
import { cursorSecretFor, cursorSecretKey } from '../../src/server/cursor-secret';
import { graphqlClient, startTestApp } from '../support/app';
import { createWorkspace } from '../support/fixtures';

const a = 'a-cursor-secret-of-sufficient-size';
const b = 'b-cursor-secret-of-sufficient-size';

describe('the cursor secret', () => {
  it('is the option, else CURSOR_SECRET', () => {
    expect(cursorSecretKey(a, { CURSOR_SECRET: b }).export().toString()).toBe(a);
    expect(cursorSecretKey(undefined, { CURSOR_SECRET: b }).export().toString()).toBe(b);
    expect(cursorSecretKey(Buffer.from(a), {}).export().toString()).toBe(a);
  });

  it('is otherwise random, made once per process (an empty CURSOR_SECRET counts as unset)', () => {
    const random = cursorSecretKey(undefined, {});
    expect(random.symmetricKeySize).toBe(32);
    expect(cursorSecretKey(undefined, { CURSOR_SECRET: '' })).toBe(random);
  });

  it('refuses secrets shorter than 16 bytes', () => {
    expect(() => cursorSecretKey('short', {})).toThrow('The cursor secret (cursorSecret or CURSOR_SECRET) must be at least 16 bytes long but has 5.');
    expect(() => cursorSecretKey(undefined, { CURSOR_SECRET: 'short' })).toThrow('at least 16 bytes');
  });
});

describe('cursors across instances on one database', () => {
  const LIST = 'query($after: String) { workspaces(first: 1, after: $after) { edges { node { name } } pageInfo { endCursor } } }';

  it('a key kept in the database: one instance accepts the cursors of another, a restart keeps them; CURSOR_SECRET wins when set', async () => {
    const first = await startTestApp({ authorize: false });
    try {
      for (const name of ['A', 'B']) await createWorkspace(first, name);
      const kept = await cursorSecretFor(first.db, {});
      expect(await cursorSecretFor(first.db, {})).toBe(kept);
      expect(await cursorSecretFor(first.db, { CURSOR_SECRET: a })).toBe(a);
      const [one, two] = [1, 2].map(() => graphqlClient(createApp(first.db, { authorize: false, cursorSecret: kept }).server));
      const page = await one!(LIST);
      const next = await two!(LIST, { after: page.body.data.workspaces.pageInfo.endCursor });
      expect(next.body.errors).toBeUndefined();
      expect(next.body.data.workspaces.edges.map((e: { node: { name: string } }) => e.node.name)).toHaveLength(1);
      // The event log's cursor too, which is sealed: it shows no transaction id.
      const EVENTS = 'query($after: String) { events(first: 1, after: $after) { edges { node { id } } pageInfo { endCursor } } }';
      const events = await one!(EVENTS);
      const eventCursor = events.body.data.events.pageInfo.endCursor as string;
      expect(Buffer.from(eventCursor, 'base64url').toString('latin1')).not.toMatch(/log:|\d{3,}:\d/);
      const moreEvents = await two!(EVENTS, { after: eventCursor });
      expect(moreEvents.body.errors).toBeUndefined();
      expect(moreEvents.body.data.events.edges[0].node.id).not.toBe(events.body.data.events.edges[0].node.id);

      const elsewhere = await startTestApp({ authorize: false });
      try {
        expect(await cursorSecretFor(elsewhere.db, {})).not.toBe(kept);
      } finally {
        await elsewhere.dispose();
      }
    } finally {
      await first.dispose();
    }
  });
});
