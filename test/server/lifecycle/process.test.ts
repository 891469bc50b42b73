import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../../src/db/config';

/**
 * `npm start` (src/main.ts) in a child process, on PGlite in a fresh folder
 * with no demo data: HOST is bound and printed, the probes answer, and
 * SIGTERM drains, closes the database (its folder's lock file goes) and
 * exits 0. Bad lifecycle settings stop start-up in one line.
 */

const TSX = join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function spawnMain(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [TSX, 'src/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, NODE_OPTIONS: '', NODE_ENV: '', AUTH_JWT_SECRET: '', AUTH_JWT_PUBLIC_KEY: '', AUTH_JWKS_URL: '', DATABASE_URL: '', PORT: '0', SEED: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, output: () => output, exited };
}

async function bannerUrl(output: () => string, exited: Promise<unknown>): Promise<string> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (let waited = 0; waited < 60_000 && !gone; waited += 100) {
    const match = /GraphiQL: (http:\/\/\S+\/graphql)/.exec(output());
    if (match) return match[1]!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no banner:\n${output()}`);
}

describe('npm start: probes, HOST and SIGTERM', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'evented-lifecycle-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('binds HOST, prints it, answers the probes, and on SIGTERM drains, closes the database and exits 0', async () => {
    const dataDir = join(dir, 'data');
    const main = spawnMain({ DATA_DIR: dataDir, HOST: '127.0.0.1', SHUTDOWN_TIMEOUT_MS: '5000' });
    try {
      const url = await bannerUrl(main.output, main.exited);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
      const origin = new URL(url).origin;
      expect(await (await fetch(`${origin}/health`)).text()).toBe('{"status":"ok"}');
      const ready = await fetch(`${origin}/ready`);
      expect([ready.status, await ready.text()]).toEqual([200, '{"status":"ready"}']);
      expect(existsSync(join(dataDir, 'server.pid'))).toBe(true);

      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
      expect(main.output()).toContain('SIGTERM: draining (up to 5000 ms for requests in flight; again to exit at once)');
      expect(main.output()).toContain('Stopped: every request answered, database closed.');
      expect(existsSync(join(dataDir, 'server.pid'))).toBe(false);
    } finally {
      main.child.kill('SIGKILL');
    }
  });

  it.each([
    [{ HOST: 'http://localhost' }, 'Cannot start: HOST must be an IP address'],
    [{ HTTP_HEADERS_TIMEOUT_MS: 'soon' }, 'Cannot start: HTTP_HEADERS_TIMEOUT_MS must be a whole number of milliseconds'],
    [{ SHUTDOWN_TIMEOUT_MS: '0' }, 'Cannot start: SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds'],
  ])('refuses %j in one line, before opening the database', async (env, message) => {
    const dataDir = join(dir, `refused-${Object.keys(env)[0]}`);
    const main = spawnMain({ DATA_DIR: dataDir, ...env });
    expect(await main.exited).toBe(1);
    expect(main.output().trim().split('\n')).toHaveLength(1);
    expect(main.output()).toContain(message);
    expect(existsSync(dataDir)).toBe(false);
  });
});
