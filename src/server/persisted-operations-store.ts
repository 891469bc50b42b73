/**
 * The documents automatic persisted queries have registered, by hash: least
 * recently used first out. Bounded twice, since anyone may register: at most
 * `maxDocuments` documents and `maxBytes` bytes of text (UTF-8) together. A
 * document larger than `maxBytes` on its own is not kept (it still runs; its
 * client just sends the text again).
 */
export class PersistedQueryStore {
  private readonly documents = new Map<string, string>();
  private bytes = 0;

  constructor(readonly maxDocuments: number, readonly maxBytes: number) {}

  get size(): number {
    return this.documents.size;
  }

  /** The document registered under `hash`, now the most recently used; undefined when unknown or evicted. */
  get(hash: string): string | undefined {
    const query = this.documents.get(hash);
    if (query === undefined) return undefined;
    this.documents.delete(hash);
    this.documents.set(hash, query);
    return query;
  }

  /** Keeps `query` under `hash`, evicting the least recently used documents beyond the bounds. */
  set(hash: string, query: string): void {
    const bytes = Buffer.byteLength(query);
    if (bytes > this.maxBytes) return;
    this.delete(hash);
    this.documents.set(hash, query);
    this.bytes += bytes;
    for (const oldest of this.documents.keys()) {
      if (this.documents.size <= this.maxDocuments && this.bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  private delete(hash: string): void {
    const query = this.documents.get(hash);
    if (query === undefined) return;
    this.documents.delete(hash);
    this.bytes -= Buffer.byteLength(query);
  }
}
