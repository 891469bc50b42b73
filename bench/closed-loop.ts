/** Closed-loop load in this process: `workers` loops each awaiting `op` back to back. */

/** Runs `op` in `workers` closed loops for `seconds`; returns every latency (ms). */
export async function closedLoop(workers: number, seconds: number, op: () => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: workers }, async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      await op();
      latencies.push(performance.now() - started);
    }
  }));
  return latencies;
}

/** The `p`th percentile of sorted values. */
export const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
