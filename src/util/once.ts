/** Runs `fn` on the first call only; later calls get the same promise (idempotent close / dispose). */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
