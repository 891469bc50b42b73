import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../util/configuration-error';

/** The lock's file, inside the data folder: the pid of the process that has the folder open. */
export const LOCK_FILE = 'server.pid';

/** Folders this process holds (its own pid in a lock file is otherwise an earlier run's, as in a restarted container). */
const held = new Set<string>();

/**
 * One process per embedded data folder. PGlite is PostgreSQL inside one
 * process: two processes on one folder each work on their own copy in
 * memory, and whichever writes its files last wins, so writes the other
 * acknowledged are lost. `lockDataDir` takes the folder for this process (the
 * folder is created when missing): it creates `<dir>/server.pid` holding this
 * process's pid, exclusively. When the file exists and its process still
 * runs, the folder is in use: a ConfigurationError names the folder and the
 * holder's pid. A file left by a process that no longer runs (killed, or
 * crashed) is taken over, by moving it aside and checking that what was moved
 * is still that stale file, so that two processes recovering at once cannot
 * both win. Returns the release, which removes the file if it is still ours.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const mine = `${process.pid}\n`;
  // Written aside, then linked into place: the lock file never exists without its pid in it.
  const draft = join(dir, `${LOCK_FILE}.${process.pid}`);
  await writeFile(draft, mine);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(draft, path);
        held.add(path);
        return async () => {
          if (!held.delete(path)) return;
          if ((await readFile(path, 'utf8').catch(() => null)) === mine) await unlink(path).catch(() => {});
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await readFile(path, 'utf8').catch(() => null);
      if (holder === null) continue; // released meanwhile: try again
      const pid = Number.parseInt(holder, 10);
      const ours = pid === process.pid && held.has(path);
      if (ours || (Number.isInteger(pid) && pid !== process.pid && running(pid))) throw inUse(dir, pid);
      await takeOverStale(path, holder);
    }
    throw new ConfigurationError(`Could not take the data folder ${dir}: its lock file ${path} keeps changing. Is another server starting on it?`);
  } finally {
    await unlink(draft).catch(() => {});
  }
}

/** Removes a stale lock file whose content was `holder`, unless another process replaced it meanwhile (then it is put back). */
async function takeOverStale(path: string, holder: string): Promise<void> {
  const aside = `${path}.stale.${process.pid}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // another process removed it first
    throw error;
  }
  if ((await readFile(aside, 'utf8')) === holder) {
    await unlink(aside);
    return;
  }
  // A fresh lock was moved: put it back (unless yet another appeared, which then stands).
  await link(aside, path).catch(() => {});
  await unlink(aside);
}

/** Whether a process with this pid runs (signal 0 checks without signalling; EPERM: it runs as another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(dir: string, pid: number): ConfigurationError {
  return new ConfigurationError(
    `The data folder ${dir} is in use by another process (pid ${pid}): the embedded database admits one process at a time. ` +
      'Stop that process first, or give this one another folder with DATA_DIR, or share a PostgreSQL server with DATABASE_URL.',
  );
}
