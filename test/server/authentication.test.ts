import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { appAuthenticator } from '../../src/app/authentication';
import { createApp } from '../../src/app/create-app';
import { tokenConfigFromEnv, type TokenConfig } from '../../src/server/auth/token-config';
import { graphqlClient, startTestApp, type TestApp } from '../support/app';
import { asService, signedInAs, TEST_TOKEN_SECRET, tokenFor } from '../support/tokens';

/**
 * Who a request is: a signed JWT verified with jose (HS256 secret, a PEM
 * public key, or a JWKS URL), `sub` the member, `role: "service"` a trusted
 * caller. Every bad credential is refused with 401 UNAUTHENTICATED and
 * `WWW-Authenticate: Bearer error="invalid_token"` before any SQL runs;
 * a request without one is anonymous.
 */
let app: TestApp;
let memberId: string;
let privateWorkspaceId: string;

const CREATE_MEMBER = 'mutation($input: CreateMemberInput!) { createMember(input: $input) { result { id } errors { code } } }';
const CREATE_WORKSPACE = 'mutation($name: String!) { createWorkspace(input: { name: $name }) { result { id } errors { code } } }';
const log = { error: () => {}, info: () => {} };

beforeAll(async () => {
  app = await startTestApp();
  const { body } = await app.gql(CREATE_MEMBER, { input: { name: 'Tess', email: 'tess@auth.test' } });
  memberId = body.data.createMember.result.id;
  const { body: created } = await app.gql(
    'mutation { createItem(input: { title: "Hidden plan", workspace: { name: "Vault", private: true } }) { result { workspace { id } } errors { code } } }',
    undefined,
    await asService('setup'),
  );
  privateWorkspaceId = created.data.createItem.result.workspace.id;
});
afterAll(() => app.dispose());

/** Sends `query` with `authorization` to `server` (the test app's by default); status, body, and the WWW-Authenticate header. */
async function send(authorization: string | null, query = '{ workspaces { totalCount } }', target = app.server) {
  const response = await target.fetch('http://test.local/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json(), challenge: response.headers.get('www-authenticate') };
}

/** The refusal every bad credential gets: nothing ran. */
async function expectRefused(authorization: string, message: string | RegExp, target = app.server) {
  app.resetQueries();
  const { status, body, challenge } = await send(authorization, undefined, target);
  expect(status).toBe(401);
  const text = typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message);
  expect(body.errors).toEqual([{ message: text, extensions: { code: 'UNAUTHENTICATED' } }]);
  expect(body.data).toBeUndefined();
  expect(challenge).toMatch(/^Bearer error="invalid_token", error_description="[^"]+"$/);
  expect(app.queries).toEqual([]);
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sign = (claims: Record<string, unknown>, key: Uint8Array | CryptoKey = TEST_TOKEN_SECRET, alg = 'HS256', header: Record<string, unknown> = {}) =>
  new SignJWT(claims).setProtectedHeader({ alg, ...header }).sign(key);
const inSeconds = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;

describe('member and service tokens', () => {
  it('a member token signs the request in: the member is the actor of the events it writes', async () => {
    const { body } = await app.gql(CREATE_WORKSPACE, { name: 'Signed' }, await signedInAs(memberId));
    const id = body.data.createWorkspace.result.id;
    const event = await app.prisma.event.findFirstOrThrow({ where: { recordId: id } });
    expect(event.actor).toBe(memberId);
  });

  it('a service token skips every policy and is written as service:<sub>, so the log tells people and services apart', async () => {
    const anonymous = await app.gql('query($id: ID!) { workspace(id: $id) { name } }', { id: privateWorkspaceId });
    expect(anonymous.body.data.workspace).toBeNull();
    const service = await app.gql('query($id: ID!) { workspace(id: $id) { name } }', { id: privateWorkspaceId }, await asService('reporting'));
    expect(service.body.data.workspace).toEqual({ name: 'Vault' });

    const { body } = await app.gql(CREATE_WORKSPACE, { name: 'By a service' }, await asService('importer'));
    const event = await app.prisma.event.findFirstOrThrow({ where: { recordId: body.data.createWorkspace.result.id } });
    expect(event.actor).toBe('service:importer');
  });

  it('a request without Authorization is anonymous: it reads public data and may sign up, nothing else', async () => {
    expect((await send(null)).status).toBe(200);
    const signUp = await app.gql(CREATE_MEMBER, { input: { name: 'New', email: 'new@auth.test' } });
    expect(signUp.body.data.createMember.errors).toEqual([]);
    const write = await app.gql(CREATE_WORKSPACE, { name: 'Nope' });
    expect(write.body.data.createWorkspace.errors).toEqual([{ code: 'FORBIDDEN' }]);
  });
});

describe('refusals: 401 UNAUTHENTICATED with WWW-Authenticate, before any statement', () => {
  it('a bare member id (the old demo scheme)', async () => {
    await expectRefused(`Bearer ${memberId}`, 'The token is not a valid signed JWT.');
  });

  it.each(['Basic dGVzczp0ZXNz', 'Bearer', 'Bearer ', 'Bearer a b', 'Token abc', 'bearer  x y'])('a malformed header: %j', async (header) => {
    await expectRefused(header, /Authorization header must be "Bearer <token>"|not a valid signed JWT/);
  });

  it('a token without a signature', async () => {
    const [header, payload] = (await tokenFor(memberId)).split('.');
    await expectRefused(`Bearer ${header}.${payload}.`, /signature does not verify|not a valid signed JWT/);
  });

  it('alg "none" (an unsecured token)', async () => {
    await expectRefused(`Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: memberId, exp: inSeconds(3600) })}.`, 'algorithm (alg)');
  });

  it('a token signed with another secret', async () => {
    const foreign = new TextEncoder().encode('another-secret-that-is-long-enough-0123456789');
    await expectRefused(`Bearer ${await sign({ sub: memberId, exp: inSeconds(3600) }, foreign)}`, "signature does not verify");
  });

  it('a token signed with a foreign key (RS256 where only HS256 is configured)', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await expectRefused(`Bearer ${await sign({ sub: memberId, exp: inSeconds(3600) }, privateKey, 'RS256')}`, 'algorithm (alg)');
  });

  it('claims swapped under a valid signature (another member, a service role)', async () => {
    const [header, , signature] = (await tokenFor(memberId)).split('.');
    for (const claims of [{ sub: '01900000-0000-7000-8000-000000000000', exp: inSeconds(3600) }, { sub: memberId, role: 'service', exp: inSeconds(3600) }]) {
      await expectRefused(`Bearer ${header}.${base64url(claims)}.${signature}`, "signature does not verify");
    }
  });

  it('a token accepted before (verified once, then remembered) is refused once it has expired', async () => {
    const token = await sign({ sub: memberId, exp: inSeconds(60) });
    expect((await send(`Bearer ${token}`)).status).toBe(200);
    expect((await send(`Bearer ${token}`)).status).toBe(200);
    // Ten minutes later, for the clock only (timers and I/O run as usual).
    const doNotFake = ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] as const;
    jest.useFakeTimers({ now: Date.now() + 10 * 60_000, doNotFake: [...doNotFake] });
    try {
      await expectRefused(`Bearer ${token}`, 'The token has expired.');
    } finally {
      jest.useRealTimers();
    }
  });

  it('an expired token, a not-yet-valid one, one without an expiry', async () => {
    await expectRefused(`Bearer ${await sign({ sub: memberId, exp: inSeconds(-60) })}`, 'The token has expired.');
    await expectRefused(`Bearer ${await sign({ sub: memberId, exp: inSeconds(7200), nbf: inSeconds(3600) })}`, 'not valid yet');
    await expectRefused(`Bearer ${await sign({ sub: memberId })}`, '"exp" claim');
  });

  it('a sub that is no member id, and a token without sub', async () => {
    await expectRefused(`Bearer ${await tokenFor('ada@example.com')}`, 'must be a member id');
    await expectRefused(`Bearer ${await sign({ exp: inSeconds(3600) })}`, '"sub" claim');
  });

  it('a wrong issuer or audience, when the server requires them', async () => {
    const strict = createApp(app.db, { authenticate: appAuthenticator({ secret: TEST_TOKEN_SECRET, issuer: 'https://id.example', audience: 'tracker' }), logger: log }).server;
    const good = await tokenFor(memberId, { issuer: 'https://id.example', audience: 'tracker' });
    expect((await send(`Bearer ${good}`, undefined, strict)).status).toBe(200);
    await expectRefused(`Bearer ${await tokenFor(memberId, { issuer: 'https://evil.example', audience: 'tracker' })}`, 'issuer (iss)', strict);
    await expectRefused(`Bearer ${await tokenFor(memberId, { issuer: 'https://id.example', audience: 'other' })}`, 'not meant for this server (aud)', strict);
    await expectRefused(`Bearer ${await tokenFor(memberId)}`, /\((iss|aud)\)\.$/, strict);
  });
});

describe('an identity provider public key (AUTH_JWT_PUBLIC_KEY)', () => {
  it.each(['RS256', 'ES256', 'EdDSA'] as const)('verifies %s tokens signed by its private key, and refuses others', async (alg) => {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    const config = tokenConfigFromEnv({ AUTH_JWT_PUBLIC_KEY: await exportSPKI(publicKey) })!;
    expect(config.publicKey?.algorithm).toBe(alg);
    const server = createApp(app.db, { authenticate: appAuthenticator(config), logger: log }).server;
    expect((await send(`Bearer ${await sign({ sub: memberId, exp: inSeconds(60) }, privateKey, alg)}`, undefined, server)).status).toBe(200);

    const other = await generateKeyPair(alg);
    await expectRefused(`Bearer ${await sign({ sub: memberId, exp: inSeconds(60) }, other.privateKey, alg)}`, 'signature does not verify', server);
    // The public key used as an HMAC secret (algorithm confusion) is refused: HS256 is not allowed without a secret.
    const pemAsSecret = new TextEncoder().encode(await exportSPKI(publicKey));
    await expectRefused(`Bearer ${await sign({ sub: memberId, exp: inSeconds(60) }, pemAsSecret)}`, 'algorithm (alg)', server);
  });
});

describe('an identity provider key set (AUTH_JWKS_URL)', () => {
  let jwks: HttpServer;
  let keys: JWK[] = [];
  let fetches = 0;
  let url: string;
  beforeAll(async () => {
    jwks = createHttpServer((_request, response) => {
      fetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => jwks.close(() => resolve())));

  async function keyPair(kid: string) {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
  }
  const signWith = (key: { kid: string; privateKey: CryptoKey }) => sign({ sub: memberId, exp: inSeconds(60) }, key.privateKey, 'ES256', { kid: key.kid });

  it('fetches the keys once, caches them, and follows a rotation by kid', async () => {
    const config: TokenConfig = { ...tokenConfigFromEnv({ AUTH_JWKS_URL: url })!, jwksCooldownMs: 0 };
    const server = createApp(app.db, { authenticate: appAuthenticator(config), logger: log }).server;
    const first = await keyPair('2026-01');
    keys = [first.jwk];
    const token = await signWith(first);
    expect((await send(`Bearer ${token}`, undefined, server)).status).toBe(200);
    expect((await send(`Bearer ${token}`, undefined, server)).status).toBe(200);
    expect(fetches).toBe(1);

    // The provider rotates: the new kid is fetched on first sight, the retired one is refused.
    const second = await keyPair('2026-02');
    keys = [second.jwk];
    expect((await send(`Bearer ${await signWith(second)}`, undefined, server)).status).toBe(200);
    expect(fetches).toBe(2);
    await expectRefused(`Bearer ${token}`, 'key (kid)', server);
  });

  it('answers 503 SERVICE_UNAVAILABLE when the provider cannot be reached', async () => {
    const closed = createHttpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const server = createApp(app.db, { authenticate: appAuthenticator(tokenConfigFromEnv({ AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json` })!), logger: log }).server;
    const key = await keyPair('unreachable');
    const { status, body } = await send(`Bearer ${await signWith(key)}`, undefined, server);
    expect(status).toBe(503);
    expect(body.errors).toEqual([{ message: "The identity provider's keys could not be fetched; retry later.", extensions: { code: 'SERVICE_UNAVAILABLE' } }]);
  });
});

describe('token settings', () => {
  it.each([
    [{ AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET must be at least 32 bytes but got 5'],
    [{ AUTH_JWT_PUBLIC_KEY: 'not a key' }, 'AUTH_JWT_PUBLIC_KEY must be a PEM public key'],
    [{ AUTH_JWKS_URL: 'ftp://keys.example' }, 'AUTH_JWKS_URL must be an http(s) URL'],
    [{ AUTH_JWKS_URL: 'https://a.example/jwks', AUTH_JWT_PUBLIC_KEY: 'x' }, 'not both'],
  ])('refuses %j', (env, message) => {
    expect(() => tokenConfigFromEnv(env)).toThrow(message);
  });

  it('is null when no key is configured (a development server signs its own)', () => {
    expect(tokenConfigFromEnv({ AUTH_JWT_ISSUER: 'x' })).toBeNull();
  });
});

describe('CORS', () => {
  const preflight = (server: typeof app.server, origin: string) =>
    server.fetch('http://test.local/graphql', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });

  it('answers only configured origins (and localhost in development), never with credentials', async () => {
    const server = createApp(app.db, { authenticate: appAuthenticator({ secret: TEST_TOKEN_SECRET }), cors: { origins: ['https://app.example'], allowLocalhost: true }, logger: log }).server;
    for (const origin of ['https://app.example', 'http://localhost:5173']) {
      const response = await preflight(server, origin);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
    for (const origin of ['https://evil.example', 'https://app.example.evil.example', 'null']) {
      const response = await preflight(server, origin);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('allows no cross-origin caller by default', async () => {
    const response = await preflight(app.server, 'http://localhost:3000');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('x-request-id', () => {
  async function correlationOf(headers: Record<string, string>) {
    const { body } = await app.gql(CREATE_WORKSPACE, { name: 'Correlated' }, headers);
    const id = body.data.createWorkspace.result.id;
    return (await app.prisma.event.findFirstOrThrow({ where: { recordId: id } })).correlationId;
  }

  it('keeps a signed-in client\'s id under the actor\'s name, so no client joins another\'s group or the seed\'s', async () => {
    expect(await correlationOf({ ...(await signedInAs(memberId)), 'x-request-id': 'seed' })).toBe(`${memberId}/seed`);
    expect(await correlationOf({ ...(await asService('importer')), 'x-request-id': 'batch-7' })).toBe('service:importer/batch-7');
  });

  it('gives an anonymous request a new id whatever it sends', async () => {
    const { body } = await app.gql(CREATE_MEMBER, { input: { name: 'Anon', email: 'anon@auth.test' } }, { 'x-request-id': 'seed' });
    const event = await app.prisma.event.findFirstOrThrow({ where: { recordId: body.data.createMember.result.id } });
    expect(event.correlationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });

  it.each(['a'.repeat(65), 'seed/../x', 'with space', 'ünicode'])('refuses %j with 400 INVALID_INPUT before any statement', async (requestId) => {
    app.resetQueries();
    const { status, body } = await app.gql('{ __typename }', undefined, { 'x-request-id': requestId });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    expect(app.queries).toEqual([]);
  });
});

it('a server without an authenticator accepts no tokens at all', async () => {
  const server = createApp(app.db, { logger: log }).server;
  const client = graphqlClient(server);
  expect((await client('{ __typename }')).status).toBe(200);
  await expectRefused(`Bearer ${await tokenFor(memberId)}`, 'accept no tokens', server);
});
