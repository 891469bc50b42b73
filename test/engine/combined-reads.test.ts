import type { Client } from '../../src/db/delegate';
import { combinedReads } from '../../src/engine/write/combined-reads';

/**
 * Reads asked for in the same turn go out as one statement (each query's
 * rows as JSON, placeholders renumbered); a statement alone goes as it is;
 * more parameters than one statement takes go in further statements.
 */
function fakeClient(answer: (text: string, values: unknown[]) => Record<string, unknown>[]) {
  const sent: { text: string; values: unknown[] }[] = [];
  const client = {
    $queryRawUnsafe: async (text: string, ...values: unknown[]) => {
      sent.push({ text, values });
      return answer(text, values);
    },
  } as unknown as Client;
  return { client, sent };
}

describe('combinedReads', () => {
  it('sends a statement alone as it is', async () => {
    const { client, sent } = fakeClient(() => [{ id: 'a' }]);
    const read = combinedReads(client);
    expect(await read({ text: 'SELECT id FROM "Item" WHERE id = $1', values: ['a'] })).toEqual([{ id: 'a' }]);
    expect(sent).toEqual([{ text: 'SELECT id FROM "Item" WHERE id = $1', values: ['a'] }]);
  });

  it('sends the reads of one turn as one statement, placeholders renumbered, each read getting its own rows', async () => {
    const { client, sent } = fakeClient(() => [{ r0: [{ id: 'a' }], r1: [{ id: 'b' }, { id: 'c' }] }]);
    const read = combinedReads(client);
    const [first, second] = await Promise.all([
      read({ text: 'SELECT id FROM "Item" WHERE id = $1 AND title = $2', values: ['a', 't'] }),
      read({ text: 'SELECT id FROM "Comment" WHERE "itemId" IN ($1, $2)', values: ['b', 'c'] }),
    ]);
    expect(first).toEqual([{ id: 'a' }]);
    expect(second).toEqual([{ id: 'b' }, { id: 'c' }]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toBe(
      `SELECT (SELECT coalesce(json_agg(q), '[]'::json) FROM (SELECT id FROM "Item" WHERE id = $1 AND title = $2) AS q) AS r0,\n`
      + `  (SELECT coalesce(json_agg(q), '[]'::json) FROM (SELECT id FROM "Comment" WHERE "itemId" IN ($3, $4)) AS q) AS r1`,
    );
    expect(sent[0]!.values).toEqual(['a', 't', 'b', 'c']);
  });

  it('reads of a later turn go in a later statement', async () => {
    const { client, sent } = fakeClient(() => [{ id: 'x' }]);
    const read = combinedReads(client);
    await read({ text: 'SELECT 1', values: [] });
    await read({ text: 'SELECT 2', values: [] });
    expect(sent.map((s) => s.text)).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('splits a turn whose parameters would pass what one statement takes (60,000)', async () => {
    const { client, sent } = fakeClient((text) => {
      const columns = [...text.matchAll(/AS (r\d+)/g)].map((m) => m[1]!);
      return columns.length === 0 ? [{ n: 1 }] : [Object.fromEntries(columns.map((c) => [c, [{ c }]]))];
    });
    const read = combinedReads(client);
    const big = (n: number) => ({ text: `SELECT ${Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ')}`, values: Array.from({ length: n }, (_, i) => i) });
    const results = await Promise.all([read(big(30_000)), read(big(25_000)), read(big(10_000)), read(big(5))]);
    // 30,000 + 25,000 fit; the next 10,000 would pass 60,000, so it starts a second statement with the last one.
    expect(sent.map((s) => s.values.length)).toEqual([55_000, 10_005]);
    expect(results).toEqual([[{ c: 'r0' }], [{ c: 'r1' }], [{ c: 'r0' }], [{ c: 'r1' }]]);
  });

  it('a failed statement fails every read it carried', async () => {
    const { client } = fakeClient(() => {
      throw new Error('connection reset');
    });
    const read = combinedReads(client);
    const results = await Promise.allSettled([read({ text: 'SELECT 1', values: [] }), read({ text: 'SELECT 2', values: [] })]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
