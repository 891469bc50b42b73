import { createAppDomain } from '../../src/app/domain';
import type { RecordState } from '../../src/engine/record';
import { LoaderRegistry } from '../../src/loaders/registry';
import { attribute, defineDomain, defineResource, relationship, type ManualRecord } from '../../src/resource';
import { openTestDatabase } from '../support/database';

/** DataLoader semantics of the registry: batching, key order, missing keys and per-key failures. */
const record = (id: string) => ({ id, version: 1, createdAt: new Date(0), updatedAt: new Date(0) }) as RecordState;

describe('manual relationship loads', () => {
  const calls: (readonly ManualRecord[])[] = [];
  const Team = defineResource({
    name: 'Team',
    attributes: { name: attribute.string() },
    relationships: {
      mates: relationship.manual('Team', {
        load: async (records) => {
          calls.push(records);
          return new Map<string, ManualRecord[] | Error>([
            ['a', [record('a1'), record('a2'), record('a3')]],
            ['b', new Error('b cannot be loaded')],
          ]);
        },
      }),
    },
  });
  const domain = defineDomain([Team]);
  const rel = domain.resource('Team').relationshipByName.get('mates');
  if (rel?.kind !== 'manual') throw new Error('expected a manual relationship');

  it('calls load once per batch with every parent, and fails only the key mapped to an Error', async () => {
    const registry = new LoaderRegistry({} as never, {} as never, domain);
    const loader = registry.manual(rel, 'k', () => ({ actor: 'someone', args: {}, query: { where: {}, orderBy: [], take: 2, skip: 1 } }));
    const results = await loader.loadMany([record('a'), record('b'), record('c')]);
    expect(calls.map((batch) => batch.map((r) => r.id))).toEqual([['a', 'b', 'c']]);
    expect(results[0]).toEqual([record('a2'), record('a3')]); // offset 1, limit 2, per parent
    expect(results[1]).toEqual(new Error('b cannot be loaded'));
    expect(results[2]).toEqual([]); // missing from the map: no related records
  });
});

describe('byId', () => {
  it('returns records in key order, null for a missing id, and an error only for a malformed id', async () => {
    const db = await openTestDatabase();
    try {
      const domain = createAppDomain();
      const now = new Date();
      const ids = ['01900000-0000-7000-8000-000000000002', '01900000-0000-7000-8000-000000000001'];
      for (const [i, id] of ids.entries()) await db.prisma.workspace.create({ data: { id, version: 1, createdAt: now, updatedAt: now, name: `w${i}` } });
      const loader = new LoaderRegistry(db.sql, db.prisma, domain).byId('Workspace');
      const results = await loader.loadMany([ids[0]!, 'not-a-uuid', '01900000-0000-7000-8000-0000000000ff', ids[1]!]);
      expect(results.map((r) => (r instanceof Error ? r.message : (r as RecordState | null)?.name ?? null))).toEqual([
        'w0', 'Not a valid Workspace id: "not-a-uuid".', null, 'w1',
      ]);
    } finally {
      await db.dispose();
    }
  });
});
