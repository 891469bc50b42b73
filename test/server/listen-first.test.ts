import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/db/config';
import { listenFirst, portFromEnv, PortUnavailableError } from '../../src/server/listen-first';
import { startupBanner } from '../../src/server/startup-banner';

/**
 * Start-up binds its port before the database: a port in use fails at once
 * with one line and exit code 1, nothing migrated or seeded; the banner says
 * where GraphiQL is and how to act as a demo member.
 */

/** A server holding a free port on every interface, as another `npm start` would. */
async function occupyPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const other: Server = createServer((_request, response) => response.end('other'));
  await new Promise<void>((resolve) => other.listen(0, resolve));
  const address = other.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return { port: address.port, release: () => new Promise((resolve) => other.close(() => resolve())) };
}

describe('listenFirst', () => {
  it('refuses a port in use with one line naming it', async () => {
    const { port, release } = await occupyPort();
    try {
      const refused = listenFirst(port);
      await expect(refused).rejects.toBeInstanceOf(PortUnavailableError);
      await expect(refused).rejects.toThrow(`Port ${port} is already in use: stop the other server or set PORT.`);
    } finally {
      await release();
    }
  });

  it('answers 503 while preparing, then serves the app it is given', async () => {
    const bound = await listenFirst(0);
    try {
      expect(bound.port).toBeGreaterThan(0);
      const early = await fetch(`http://127.0.0.1:${bound.port}/graphql`);
      expect(early.status).toBe(503);
      expect(early.headers.get('retry-after')).toBe('1');
      bound.serve((_request, response) => response.end('ready'));
      expect(await (await fetch(`http://127.0.0.1:${bound.port}/graphql`)).text()).toBe('ready');
    } finally {
      await new Promise((resolve) => bound.http.close(resolve));
    }
  });

  it('reads PORT: default 4000, 0 for any free port, anything else refused', () => {
    expect(portFromEnv({})).toBe(4000);
    expect(portFromEnv({ PORT: '0' })).toBe(0);
    expect(portFromEnv({ PORT: ' 8080 ' })).toBe(8080);
    for (const bad of ['abc', '-1', '65536', '80.5']) expect(() => portFromEnv({ PORT: bad })).toThrow('PORT must be a port number (0-65535)');
  });
});

describe('npm start on a port in use', () => {
  it('exits 1 at once with one line, before opening, migrating or seeding the database', async () => {
    const { port, release } = await occupyPort();
    const parent = mkdtempSync(join(tmpdir(), 'evented-port-'));
    const dataDir = join(parent, 'data');
    try {
      const child = spawn(process.execPath, [join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/main.ts'], {
        cwd: projectRoot,
        // PGlite in a folder that does not exist yet: opening the database would create it.
        env: { ...process.env, NODE_OPTIONS: '', NODE_ENV: '', AUTH_JWT_SECRET: '', AUTH_JWT_PUBLIC_KEY: '', AUTH_JWKS_URL: '', DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toBe(`Port ${port} is already in use: stop the other server or set PORT.\n`);
      expect(stdout).toBe('');
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      await release();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('startupBanner', () => {
  it('ends with the GraphiQL address and tells a development server how to act as a demo member', () => {
    const banner = startupBanner({ port: 4000, database: 'PGlite in .data', tokens: { kind: 'development', secretPlace: '.data/dev-secret' } });
    expect(banner).toContain('Act as a demo member: npm run token -- ada@example.com');
    expect(banner).toContain('.data/dev-secret');
    expect(banner.trimEnd().split('\n').at(-1)).toBe('GraphiQL: http://localhost:4000/graphql  (database: PGlite in .data; / redirects there)');
  });

  it('names the shared secret, or the identity provider whose tokens `npm run token` cannot sign', () => {
    expect(startupBanner({ port: 1, database: 'd', tokens: { kind: 'shared-secret' } })).toContain('npm run token -- ada@example.com   (prints a token and the header to paste into GraphiQL\'s Headers tab); it signs with AUTH_JWT_SECRET.');
    const provider = startupBanner({ port: 1, database: 'd', tokens: { kind: 'identity-provider' } });
    expect(provider).not.toContain('npm run token');
    expect(provider).toContain('identity provider');
  });
});
