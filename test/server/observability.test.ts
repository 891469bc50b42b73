import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app';
import { createRecord } from '../support/fixtures';
import { signedInAs } from '../support/tokens';
import { createLogger } from '../../src/server/observability/logger';
import { MAX_OPERATION_LABELS } from '../../src/server/observability/metrics';

/** A pino logger writing into `lines` (one parsed JSON object per line), as the server would write to stdout. */
function capturingLogger() {
  const lines: Record<string, any>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines, raw };
}

const CREATE_WORKSPACES = 'mutation CreateSome($inputs: [CreateWorkspaceInput!]!) { createWorkspaces(inputs: $inputs) { results { id } errors { code } } }';

async function scrape(app: TestApp, headers: Record<string, string> = {}) {
  const response = await app.server.fetch('http://test.local/metrics', { headers });
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

/** The value of one sample line (`name{labels} value`), 0 when absent. */
function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('request log', () => {
  let app: TestApp;
  const capture = capturingLogger();
  beforeAll(async () => {
    app = await startTestApp({ authorize: false, logger: capture.logger });
  });
  afterAll(() => app.dispose());
  beforeEach(() => {
    capture.lines.splice(0);
    capture.raw.splice(0);
  });

  it('writes one line per request with its id, operation, status, duration, outcome and actor, never the token', async () => {
    const member = await createRecord(app, 'Member', { email: 'ada@example.com', name: 'Ada' });
    capture.lines.splice(0);
    capture.raw.splice(0);
    const headers = await signedInAs(member);
    const response = await app.server.fetch('http://test.local/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-request-id': 'client-req-1', ...headers },
      body: JSON.stringify({ query: CREATE_WORKSPACES, variables: { inputs: [{ name: 'Secret Name A' }, { name: 'Secret Name B' }] } }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('client-req-1');
    await response.text();

    expect(capture.lines).toHaveLength(1);
    const line = capture.lines[0]!;
    expect(line).toMatchObject({
      level: 30, msg: 'request', requestId: 'client-req-1', correlationId: `${member}/client-req-1`,
      method: 'POST', path: '/graphql', status: 200, operation: 'CreateSome', operationType: 'mutation',
      outcome: 'ok', errorCodes: [], actor: member, eventsAppended: 2,
    });
    expect(typeof line.durationMs).toBe('number');
    expect(line.durationMs).toBeGreaterThan(0);
    const token = headers.authorization!.slice('Bearer '.length);
    for (const raw of capture.raw) {
      expect(raw).not.toContain(token);
      expect(raw).not.toContain('Secret Name');
      expect(raw.toLowerCase()).not.toContain('authorization');
    }
  });

  it('names the top-level and payload error codes, and gives a request id when the client sent none', async () => {
    const bad = await app.gql('query Broken { noSuchField }');
    expect(bad.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const refused = await app.gql('mutation Stale($id: ID!) { updateWorkspace(id: $id, input: { name: "x" }) { errors { code } } }', { id: randomUUID() });
    expect(refused.body.data.updateWorkspace.errors).toEqual([{ code: 'NOT_FOUND' }]);

    expect(capture.lines.map((l) => [l.operation, l.operationType, l.outcome, l.errorCodes, l.actor])).toEqual([
      ['Broken', 'query', 'error', ['GRAPHQL_VALIDATION_FAILED'], null],
      ['Stale', 'mutation', 'error', ['NOT_FOUND'], null],
    ]);
    for (const line of capture.lines) expect(line.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });

  it('names the actor of a signed-in request refused before it ran, and logs a refused token as anonymous', async () => {
    const member = randomUUID();
    await app.gql('query Broken { noSuchField }', undefined, await signedInAs(member));
    const bad = await app.gql('{ __typename }', undefined, { authorization: 'Bearer not-a-token' });
    expect(bad.status).toBe(401);
    expect(capture.lines.map((l) => [l.actor, l.status, l.errorCodes])).toEqual([
      [member, 200, ['GRAPHQL_VALIDATION_FAILED']],
      [null, 401, ['UNAUTHENTICATED']],
    ]);
    expect(capture.raw.join('\n')).not.toContain('not-a-token');
  });

  it('logs a GraphiQL page load without an operation', async () => {
    const page = await app.server.fetch('http://test.local/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    await page.text();
    expect(capture.lines).toEqual([expect.objectContaining({ method: 'GET', path: '/graphql', status: 200, operation: null, outcome: 'ok' })]);
  });

  it('logs an unexpected error with its id and stack through the same logger', async () => {
    const capture2 = capturingLogger();
    const failing = await startTestApp({ authorize: false, logger: capture2.logger });
    try {
      // Root lists read through the SQL reader: break it.
      jest.spyOn(failing.db.sql, 'query').mockRejectedValue(new Error('disk on fire'));
      const { body } = await failing.gql('query Lists { workspaces { edges { node { id } } } }');
      const errorId = body.errors?.[0]?.extensions?.errorId;
      expect(errorId).toEqual(expect.any(String));
      const error = capture2.lines.find((l) => l.level === 50)!;
      expect(error).toMatchObject({ errorId, err: { message: 'disk on fire' } });
      expect(capture2.lines.find((l) => l.msg === 'request')).toMatchObject({ errorCodes: ['INTERNAL_SERVER_ERROR'], outcome: 'error' });
    } finally {
      await failing.dispose();
    }
  });
});

describe('metrics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ authorize: false, logger: capturingLogger().logger });
  });
  afterAll(() => app.dispose());

  it('serves the metric names in Prometheus text format', async () => {
    // Reads a table, so PostgreSQL's pool holds a connection when it is scraped.
    await app.gql('query Probe { workspaces(first: 1) { totalCount } }');
    const { status, contentType, text } = await scrape(app);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of ['graphql_requests_total', 'graphql_request_duration_seconds', 'graphql_errors_total', 'db_pool_connections', 'events_appended_total', 'process_cpu_user_seconds_total']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(sample(text, 'graphql_requests_total', 'operation="Probe",type="query",outcome="ok"')).toBe(1);
    expect(sample(text, 'graphql_request_duration_seconds_count', 'operation="Probe",type="query",outcome="ok"')).toBe(1);
    expect(sample(text, 'db_pool_connections', 'state="total"')).toBeGreaterThanOrEqual(1);
  });

  it('counts the events a mutation appended', async () => {
    const before = sample((await scrape(app)).text, 'events_appended_total');
    const { body } = await app.gql(CREATE_WORKSPACES, { inputs: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] });
    expect(body.data.createWorkspaces.errors).toEqual([]);
    const after = sample((await scrape(app)).text, 'events_appended_total');
    expect(after - before).toBe(3);
    // A refused mutation appends nothing.
    await app.gql('mutation Stale($id: ID!) { updateWorkspace(id: $id, input: { name: "x" }) { errors { code } } }', { id: randomUUID() });
    expect(sample((await scrape(app)).text, 'events_appended_total')).toBe(after);
  });

  it('counts the error codes of failed requests, top-level and in mutation payloads', async () => {
    const text = () => scrape(app).then((s) => s.text);
    const before = await text();
    await app.gql('query Broken { noSuchField }');
    await app.gql('mutation Stale($id: ID!) { updateWorkspace(id: $id, input: { name: "x" }) { errors { code } } }', { id: randomUUID() });
    const after = await text();
    expect(sample(after, 'graphql_errors_total', 'code="GRAPHQL_VALIDATION_FAILED"') - sample(before, 'graphql_errors_total', 'code="GRAPHQL_VALIDATION_FAILED"')).toBe(1);
    expect(sample(after, 'graphql_errors_total', 'code="NOT_FOUND"') - sample(before, 'graphql_errors_total', 'code="NOT_FOUND"')).toBe(1);
    expect(sample(after, 'graphql_requests_total', 'operation="Broken",type="query",outcome="error"')).toBe(1);
  });

  it('collapses operation names beyond the cap, and long ones, to "other"', async () => {
    const fresh = await startTestApp({ authorize: false, logger: capturingLogger().logger });
    try {
      for (let i = 0; i < MAX_OPERATION_LABELS + 20; i++) await fresh.gql(`query Random${i} { __typename }`);
      await fresh.gql(`query ${'L'.repeat(65)} { __typename }`);
      const { text } = await scrape(fresh);
      const operations = new Set([...text.matchAll(/^graphql_requests_total\{operation="([^"]*)"/gm)].map((m) => m[1]));
      expect(operations.size).toBe(MAX_OPERATION_LABELS + 1);
      expect(operations.has('Random0')).toBe(true);
      expect(operations.has(`Random${MAX_OPERATION_LABELS + 19}`)).toBe(false);
      expect(sample(text, 'graphql_requests_total', 'operation="other",type="query",outcome="ok"')).toBe(21);
    } finally {
      await fresh.dispose();
    }
  });

  it('requires the bearer token when one is configured', async () => {
    const token = 'metrics-token-0123456789';
    const guarded = await startTestApp({ authorize: false, logger: capturingLogger().logger, metrics: { token } });
    try {
      expect((await scrape(guarded)).status).toBe(401);
      expect((await scrape(guarded, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
      const allowed = await scrape(guarded, { authorization: `Bearer ${token}` });
      expect(allowed.status).toBe(200);
      expect(allowed.text).toContain('graphql_requests_total');
    } finally {
      await guarded.dispose();
    }
  });

  it('keeps each server\'s metrics apart', async () => {
    const other = await startTestApp({ authorize: false, logger: capturingLogger().logger });
    try {
      await other.gql('query OnlyHere { __typename }');
      expect((await scrape(other)).text).toContain('operation="OnlyHere"');
      expect((await scrape(app)).text).not.toContain('operation="OnlyHere"');
    } finally {
      await other.dispose();
    }
  });
});
