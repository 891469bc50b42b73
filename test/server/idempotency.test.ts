import { idempotencyTtlFromEnv } from '../../src/server/idempotency/config';
import { createRecord } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/app';
import { signedInAs } from '../support/tokens';

/** Idempotent retries (src/server/idempotency): Stripe's Idempotency-Key over GraphQL, through HTTP in-process. */
let app: TestApp;
let headers: Record<string, string>;
let other: Record<string, string>;

beforeAll(async () => {
  app = await startTestApp({ idempotency: { ttlSeconds: 2, waitMs: 3000 } });
  headers = await signedInAs(await createRecord(app, 'Member', { name: 'Ada', email: 'ada@idempotency.test' }));
  other = await signedInAs(await createRecord(app, 'Member', { name: 'Grace', email: 'grace@idempotency.test' }));
});
afterAll(() => app.dispose());

const CREATE = 'mutation($name: String!) { createWorkspace(input: { name: $name }) { result { id name } errors { code } } }';

/** Posts `body` with an Idempotency-Key; the raw response. */
async function post(key: string | null, body: unknown, extra: Record<string, string> = headers) {
  const response = await app.server.fetch('http://test.local/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...extra, ...(key === null ? {} : { 'idempotency-key': key }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, replayed: response.headers.get('idempotent-replayed'), text: await response.text() };
}

const workspaces = async () => (await app.prisma.workspace.findMany({ select: { name: true } })).map((w) => w.name).sort();
const code = (text: string) => JSON.parse(text).errors?.[0]?.extensions?.code;

describe('Idempotency-Key', () => {
  it('applies a mutation once: a retry with the same key and body gets the first response again, without writing', async () => {
    const before = await app.counts();
    const first = await post('key-1', { query: CREATE, variables: { name: 'Once' } });
    expect([first.status, first.replayed]).toEqual([200, null]);
    const retry = await post('key-1', { query: CREATE, variables: { name: 'Once' } });
    expect([retry.status, retry.replayed, retry.text]).toEqual([200, 'true', first.text]);
    expect((await app.counts()).events).toBe(before.events + 1);
    expect((await workspaces()).filter((n) => n === 'Once')).toHaveLength(1);
  });

  it('refuses the same key with a different body (IDEMPOTENCY_KEY_REUSED, 422) and writes nothing', async () => {
    await post('key-2', { query: CREATE, variables: { name: 'First' } });
    const before = await app.counts();
    const reused = await post('key-2', { query: CREATE, variables: { name: 'Second' } });
    expect([reused.status, code(reused.text)]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await app.counts()).toEqual(before);
    expect(await workspaces()).not.toContain('Second');
  });

  it('of two concurrent requests with one key, one applies and the other answers its result', async () => {
    const before = await app.counts();
    const body = { query: CREATE, variables: { name: 'Concurrent' } };
    const [a, b] = await Promise.all([post('key-3', body), post('key-3', body)]);
    expect(a.text).toBe(b.text);
    expect([a.replayed, b.replayed].sort()).toEqual([null, 'true']);
    expect((await app.counts()).events).toBe(before.events + 1);
  });

  it('keeps keys per sender: another member with the same key runs their own request', async () => {
    const mine = await post('key-4', { query: CREATE, variables: { name: 'Mine' } });
    const theirs = await post('key-4', { query: CREATE, variables: { name: 'Theirs' } }, other);
    expect([mine.replayed, theirs.replayed, code(theirs.text)]).toEqual([null, null, undefined]);
    expect(await workspaces()).toEqual(expect.arrayContaining(['Mine', 'Theirs']));
  });

  it('lets a key be used again once it has expired', async () => {
    await post('key-5', { query: CREATE, variables: { name: 'Expiring' } });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const again = await post('key-5', { query: CREATE, variables: { name: 'Expiring' } });
    expect(again.replayed).toBeNull();
    expect((await workspaces()).filter((n) => n === 'Expiring')).toHaveLength(2);
  });

  it('releases the key when the first request could not run (5xx), so a retry runs', async () => {
    const busy = new Error('timeout exceeded when trying to connect');
    // The create of one record is one statement on the driver: fail it once as pool exhaustion does.
    const query = app.db.sql.query.bind(app.db.sql);
    const failing = jest.spyOn(app.db.sql, 'query').mockImplementation(async (text, values) => {
      if (text.includes('INSERT INTO "Event"')) {
        failing.mockRestore();
        throw busy;
      }
      return query(text, values);
    });
    const first = await post('key-6', { query: CREATE, variables: { name: 'Busy' } });
    expect([first.status, code(first.text)]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    const retry = await post('key-6', { query: CREATE, variables: { name: 'Busy' } });
    expect([retry.status, retry.replayed]).toEqual([200, null]);
    expect(await workspaces()).toContain('Busy');
  });

  it('refuses a malformed key and a batched request with a key, before anything runs', async () => {
    const before = await app.counts();
    const bad = await post('has space', { query: CREATE, variables: { name: 'Bad key' } });
    expect([bad.status, code(bad.text)]).toEqual([400, 'IDEMPOTENCY_KEY_INVALID']);
    const batch = await post('key-7', [{ query: CREATE, variables: { name: 'B1' } }, { query: CREATE, variables: { name: 'B2' } }]);
    expect(batch.status).toBe(400);
    expect(batch.text).toContain('IDEMPOTENCY_KEY_BATCH');
    expect(await app.counts()).toEqual(before);
  });

  it('keeps no key for a query: it runs every time and nothing is stored (a read has nothing to apply twice)', async () => {
    const stored = async () => (await app.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM "IdempotencyKey"', []))[0]!.n;
    const before = await stored();
    const read = { query: '{ workspaces(first: 1) { totalCount } }' };
    const [first, second] = [await post('key-query', read), await post('key-query', read)];
    expect([first.status, first.replayed, second.replayed]).toEqual([200, null, null]);
    expect(await stored()).toBe(before);
  });

  it('leaves requests without the header alone', async () => {
    const body = { query: CREATE, variables: { name: 'No key' } };
    await post(null, body);
    await post(null, body);
    expect((await workspaces()).filter((n) => n === 'No key')).toHaveLength(2);
  });
});

describe('IDEMPOTENCY_KEY_TTL_HOURS', () => {
  it('is whole hours from 1 to 720 (unset: the default, 24 h), refused otherwise at start-up', () => {
    expect(idempotencyTtlFromEnv({})).toBeUndefined();
    expect(idempotencyTtlFromEnv({ IDEMPOTENCY_KEY_TTL_HOURS: '48' })).toBe(48 * 3600);
    for (const bad of ['0', '721', '1.5', 'day']) {
      expect(() => idempotencyTtlFromEnv({ IDEMPOTENCY_KEY_TTL_HOURS: bad })).toThrow(`IDEMPOTENCY_KEY_TTL_HOURS must be a whole number of hours from 1 to 720 (e.g. 24) but got: "${bad}".`);
    }
  });
});
