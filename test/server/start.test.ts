import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../../src/db/config';

/**
 * The quick start, for real: `npm start` (src/main.ts) in a child process on
 * an empty database, a token from `npm run token` (scripts/token.ts) while it
 * runs, writes over HTTP, a restart, and the data and the development secret
 * are still there. NODE_ENV=production without a key refuses to start.
 * PGlite in a fresh DATA_DIR by default; a throw-away PostgreSQL database when
 * DATABASE_URL is set.
 */

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

const TSX = join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
/** The environment of a child process: no test-runner options, no token keys of the caller's. */
const childEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  ...process.env, NODE_OPTIONS: '', NODE_ENV: '', AUTH_JWT_SECRET: '', AUTH_JWT_PUBLIC_KEY: '', AUTH_JWKS_URL: '', ...env,
});

function start(env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, [TSX, 'src/main.ts'], {
    cwd: projectRoot,
    env: childEnv({ PORT: '0', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphiQL: (http:\/\/localhost:\d+\/graphql)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

function stop({ child }: Started): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** `npm run token -- <args>` against the server at `url` (its database and port); the token it prints first. */
async function token(url: string, env: NodeJS.ProcessEnv, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [TSX, 'scripts/token.ts', ...args], {
    cwd: projectRoot,
    env: childEnv({ ...env, PORT: new URL(url).port }),
  });
  expect(stdout).toContain('{"Authorization":"Bearer ');
  return stdout.split('\n')[0]!;
}

async function gql(url: string, query: string, variables?: Record<string, unknown>, token?: string) {
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  expect(response.status).toBe(200);
  return (await response.json()) as { data: any; errors?: unknown };
}

describe('npm start', () => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (process.env.DATABASE_URL) {
      const name = `start_test_${process.pid}_${Date.now()}`;
      const admin = new Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${name}`;
      env = { DATABASE_URL: url.toString() };
      cleanup = async () => {
        const client = new Client({ connectionString: process.env.DATABASE_URL });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'evented-start-'));
      env = { DATA_DIR: dir, DATABASE_URL: '' };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(() => cleanup());

  it('serves GraphiQL on a fresh database with demo data, and keeps writes and the development secret across a restart', async () => {
    const first = await start(env);
    let itemId: string;
    let kept: string;
    try {
      expect(first.output()).toContain('Applied migrations:');
      expect(first.output()).toMatch(/Seeded demo data \(\d+ events\)\./);
      const page = await fetch(first.url, { headers: { accept: 'text/html' } });
      expect(await page.text()).toContain('graphiql');

      const seeded = await gql(first.url, '{ workspaces { totalCount } }');
      expect(seeded.data.workspaces.totalCount).toBeGreaterThan(0);

      expect(first.output()).toContain('Act as a demo member: npm run token -- ada@example.com');
      // Sign up (open to anonymous requests), then write as that member, with a token from `npm run token`.
      await gql(first.url, 'mutation { createMember(input: { name: "Ada", email: "ada@start.test" }) { result { id } } }');
      const actor = await token(first.url, env, 'ada@start.test');
      kept = actor;
      const demo = await gql(first.url, 'mutation { createMilestone(input: { name: "Demo" }) { errors { code } } }', {}, await token(first.url, env, 'ada@example.com'));
      expect(demo.data.createMilestone.errors).toEqual([]);
      const workspace = await gql(first.url, 'mutation { createWorkspace(input: { name: "Persisted" }) { result { id } errors { code } } }', {}, actor);
      const workspaceId = workspace.data.createWorkspace.result.id;
      const item = await gql(first.url, 'mutation($w: ID!) { createItem(input: { title: "Survives", workspaceId: $w }) { result { id } errors { code } } }', { w: workspaceId }, actor);
      itemId = item.data.createItem.result.id;
    } finally {
      await stop(first);
    }

    const second = await start(env);
    try {
      expect(second.output()).not.toContain('Applied migrations:');
      expect(second.output()).not.toContain('Seeded');
      const again = await gql(second.url, 'query($id: ID!) { item(id: $id) { title version workspace { name } } }', { id: itemId });
      expect(again).toEqual({ data: { item: { title: 'Survives', version: 1, workspace: { name: 'Persisted' } } } });
      // The development secret was kept: a token from before the restart still signs in.
      const after = await gql(second.url, 'mutation { createMilestone(input: { name: "After restart" }) { errors { code } } }', {}, kept!);
      expect(after.data.createMilestone.errors).toEqual([]);
    } finally {
      await stop(second);
    }
  });

  it('refuses to start with NODE_ENV=production and no token key, before opening the database', async () => {
    // On the embedded database, a fresh folder that must stay empty.
    const untouched = mkdtempSync(join(tmpdir(), 'evented-production-'));
    const database = process.env.DATABASE_URL ? env : { DATA_DIR: untouched, DATABASE_URL: '' };
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [TSX, 'src/main.ts'], { cwd: projectRoot, env: childEnv({ ...database, PORT: '0', NODE_ENV: 'production' }), stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('exit', (exitCode) => resolve({ code: exitCode, output: text }));
    });
    expect(code).toBe(1);
    expect(output.trim()).toBe(
      'Cannot start: NODE_ENV=production but no token key is configured: set AUTH_JWT_SECRET (HS256, at least 32 bytes), AUTH_JWT_PUBLIC_KEY (PEM) or AUTH_JWKS_URL. ' +
        'A production server never signs its own development tokens.',
    );
    expect(readdirSync(untouched)).toEqual([]);
    rmSync(untouched, { recursive: true, force: true });
  });
});
