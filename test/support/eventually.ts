/**
 * Reads until `ready` (at most ~5 s), for the root `events` list: it shows an
 * event once every transaction that started before its own has finished. On
 * a shared PostgreSQL server transaction ids are cluster-wide, so other test
 * files' transactions (in other databases) can delay that briefly.
 */
export async function eventually<T>(read: () => Promise<T>, ready: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const value = await read();
    if (ready(value) || attempt === 100) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
