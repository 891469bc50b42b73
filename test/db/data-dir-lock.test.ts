import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/client';
import { LOCK_FILE, lockDataDir } from '../../src/db/data-dir-lock';

/** One process per embedded data folder (src/db/data-dir-lock.ts), in this process and across real processes. */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'data-dir-lock-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const lockPath = () => join(dir, LOCK_FILE);

/** The pid of a process that has exited (no process runs with it now, barring reuse). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

interface Holder {
  readonly child: ChildProcess;
  /** The first line it printed: `open`, or the refusal. */
  readonly said: Promise<string>;
  readonly exited: Promise<number | null>;
}

/** Starts a process that opens the database in `dir` (test/support/processes/hold-data-dir.ts). */
function holder(...args: string[]): Holder {
  const script = join(__dirname, '../support/processes/hold-data-dir.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, dir, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const said = new Promise<string>((resolve) => child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('\n')) resolve(out.split('\n')[0]!);
  }));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, said, exited };
}

describe('lockDataDir', () => {
  it('writes its pid into the folder (created when missing) and removes it on release', async () => {
    const folder = join(dir, 'new', 'data');
    const release = await lockDataDir(folder);
    expect(await readFile(join(folder, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
    await release();
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
    await (await lockDataDir(folder))();
  });

  it('refuses a folder this process already holds', async () => {
    const release = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toThrow(`The data folder ${dir} is in use by another process (pid ${process.pid})`);
    await release();
  });

  it("takes over a lock left by a process that no longer runs, or by this pid's earlier run (a restarted container)", async () => {
    for (const stale of [await deadPid(), process.pid]) {
      await writeFile(lockPath(), `${stale}\n`);
      const release = await lockDataDir(dir);
      expect(await readFile(lockPath(), 'utf8')).toBe(`${process.pid}\n`);
      await release();
    }
  });

  it('refuses a folder whose lock names a running process, and leaves that lock alone', async () => {
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await writeFile(lockPath(), `${running.pid}\n`);
      await expect(lockDataDir(dir)).rejects.toThrow(`in use by another process (pid ${running.pid})`);
      expect(await readFile(lockPath(), 'utf8')).toBe(`${running.pid}\n`);
    } finally {
      running.kill();
    }
  });
});

describe('two processes on one data folder', () => {
  jest.setTimeout(60_000);

  it('the second is refused at once, naming the folder and the holder; after the first stops, the folder opens again', async () => {
    const first = holder();
    expect(await first.said).toBe('open');
    const second = holder();
    expect(await second.said).toBe(
      `The data folder ${dir} is in use by another process (pid ${first.child.pid}): the embedded database admits one process at a time. ` +
        'Stop that process first, or give this one another folder with DATA_DIR, or share a PostgreSQL server with DATABASE_URL.',
    );
    expect(await second.exited).toBe(1);
    first.child.stdin!.end();
    expect(await first.exited).toBe(0);
    expect(existsSync(lockPath())).toBe(false);
    const db = await openDatabase({ kind: 'pglite', dataDir: dir });
    await db.close();
  });

  it('a folder left by a killed process opens, with what it committed', async () => {
    const first = holder('write');
    expect(await first.said).toBe('open');
    first.child.kill('SIGKILL');
    await first.exited;
    expect(existsSync(lockPath())).toBe(true);
    const db = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect(await db.sql.query('SELECT v FROM kept', [])).toEqual([{ v: 1 }]);
    await db.close();
  });

  it('of two processes recovering one stale lock at once, exactly one gets the folder', async () => {
    await writeFile(lockPath(), `${await deadPid()}\n`);
    const racers = [holder(), holder()];
    const said = await Promise.all(racers.map((r) => r.said));
    expect(said.filter((line) => line === 'open')).toHaveLength(1);
    expect(said.filter((line) => line.includes('is in use by another process'))).toHaveLength(1);
    for (const r of racers) r.child.stdin!.end();
    await Promise.all(racers.map((r) => r.exited));
  });
});
