/**
 * Runs the load generator (load-worker.ts, autocannon) in a child process and waits
 * for its summary.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { LoadRequest, LoadResult } from './load-worker';

export async function runLoad(request: LoadRequest): Promise<LoadResult> {
  const child = fork(join(__dirname, 'load-worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  return new Promise<LoadResult>((resolve, reject) => {
    let answered = false;
    child.once('message', (message: LoadResult | { error: string }) => {
      answered = true;
      if ('error' in message) reject(new Error(`Load generator failed: ${message.error}`));
      else resolve(message);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`Load generator exited with code ${code} without a result.`));
    });
    child.send(request);
  });
}
