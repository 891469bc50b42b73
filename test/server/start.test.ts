import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../../src/db/config';

/**
 * The quick start, for real: `npm start` (src/main.ts) in a child process on
 * an empty database, writes over HTTP, a restart, and the data is still there.
 * PGlite in a fresh DATA_DIR by default; a throw-away PostgreSQL database when
 * DATABASE_URL is set.
 */

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function start(env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, [join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, NODE_OPTIONS: '', PORT: '0', ...env },
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

async function gql(url: string, query: string, variables?: Record<string, unknown>, actor?: string) {
  const headers = { 'content-type': 'application/json', ...(actor ? { authorization: `Bearer ${actor}` } : {}) };
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

  it('serves GraphiQL on a fresh database with demo data, and keeps writes across a restart', async () => {
    const first = await start(env);
    let itemId: string;
    try {
      expect(first.output()).toContain('Applied migrations:');
      expect(first.output()).toMatch(/Seeded demo data \(\d+ events\)\./);
      const page = await fetch(first.url, { headers: { accept: 'text/html' } });
      expect(await page.text()).toContain('graphiql');

      const seeded = await gql(first.url, '{ workspaces { totalCount } }');
      expect(seeded.data.workspaces.totalCount).toBeGreaterThan(0);

      // Sign up (open to anonymous requests), then write as that member.
      const member = await gql(first.url, 'mutation { createMember(input: { name: "Ada", email: "ada@start.test" }) { result { id } } }');
      const actor = member.data.createMember.result.id;
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
    } finally {
      await stop(second);
    }
  });
});
