import { createAppDomain } from '../../src/app/domain';
import { cursorValues, restoreKeyValues } from '../../src/engine/key-values';
import { keysetWhere } from '../../src/engine/keyset';
import type { RecordState } from '../../src/engine/record';
import type { SortInput } from '../../src/engine/sort';
import { sortKeys, type SortKey } from '../../src/engine/sort-keys';
import type { Attribute } from '../../src/resource';
import { task } from '../support/sortable-domain';

const item = createAppDomain().resource('Item');
const id1 = '0190a6f0-0000-7000-8000-000000000001';
const keysOf = (sort: SortInput[], resource = task) => sortKeys(resource, sort, []);
/** The terms of an OR. */
const terms = (where: Record<string, unknown>) => where.OR as unknown[];

describe('keyset conditions (pure)', () => {
  it('selects rows after a position: OR over keys of (earlier keys equal AND this key beyond)', () => {
    const keys = keysOf([{ field: 'priority', order: 'DESC' }, { field: 'title' }], item);
    expect(keysetWhere(keys, [2, 'b', id1], 'after')).toEqual({
      OR: [
        { priority: { lt: 2 } },
        { AND: [{ priority: { equals: 2 } }, { title: { gt: 'b' } }] },
        { AND: [{ priority: { equals: 2 } }, { title: { equals: 'b' } }, { id: { gt: id1 } }] },
      ],
    });
    expect(keysetWhere(keys, [2, 'b', id1], 'before')).toEqual({
      OR: [
        { priority: { gt: 2 } },
        { AND: [{ priority: { equals: 2 } }, { title: { lt: 'b' } }] },
        { AND: [{ priority: { equals: 2 } }, { title: { equals: 'b' } }, { id: { lt: id1 } }] },
      ],
    });
  });

  it('treats null as the greatest value of a nullable attribute', () => {
    const asc = keysOf([{ field: 'rank' }]);
    const desc = keysOf([{ field: 'rank', order: 'DESC' }]);
    expect(terms(keysetWhere(asc, [3, id1], 'after'))).toEqual([
      { OR: [{ rank: { gt: 3 } }, { rank: null }] },
      { AND: [{ rank: { equals: 3 } }, { id: { gt: id1 } }] },
    ]);
    expect(keysetWhere(asc, [null, id1], 'after')).toEqual({ AND: [{ rank: null }, { id: { gt: id1 } }] });
    expect(terms(keysetWhere(asc, [null, id1], 'before'))[0]).toEqual({ rank: { not: null } });
    expect(terms(keysetWhere(desc, [null, id1], 'after'))[0]).toEqual({ rank: { not: null } });
    expect(terms(keysetWhere(desc, [3, id1], 'after'))[0]).toEqual({ rank: { lt: 3 } });
    expect(terms(keysetWhere(desc, [3, id1], 'before'))[0]).toEqual({ OR: [{ rank: { gt: 3 } }, { rank: null }] });
  });

  it('compares enums in declaration order with `in`, and booleans with equals (false < true)', () => {
    const level = keysOf([{ field: 'level' }]);
    expect(terms(keysetWhere(level, ['MID', id1], 'after'))[0]).toEqual({ OR: [{ level: { in: ['HIGH'] } }, { level: null }] });
    expect(terms(keysetWhere(level, ['MID', id1], 'before'))[0]).toEqual({ level: { in: ['LOW'] } });
    expect(keysetWhere(level, ['LOW', id1], 'before')).toEqual({ AND: [{ level: { equals: 'LOW' } }, { id: { lt: id1 } }] });
    const status = keysOf([{ field: 'status' }], item);
    expect(terms(keysetWhere(status, ['OPEN', id1], 'after'))[0]).toEqual({ status: { in: ['DONE'] } });
    expect(keysetWhere(status, ['DONE', id1], 'after')).toEqual({ AND: [{ status: { equals: 'DONE' } }, { id: { gt: id1 } }] });

    const done = keysOf([{ field: 'done' }]);
    expect(terms(keysetWhere(done, [false, id1], 'after'))[0]).toEqual({ OR: [{ done: { equals: true } }, { done: null }] });
    expect(terms(keysetWhere(done, [true, id1], 'before'))[0]).toEqual({ done: { equals: false } });
    expect(keysetWhere(done, [false, id1], 'before')).toEqual({ AND: [{ done: { equals: false } }, { id: { lt: id1 } }] });
  });

  it('matches no row when nothing lies beyond the position', () => {
    const status = [{ attribute: item.attributeByName.get('status')!, descending: false }];
    expect(keysetWhere(status, ['DONE'], 'after')).toEqual({ id: { in: [] } });
  });

  describe('agrees with PostgreSQL order on every position of generated rows', () => {
    const rows = generateRows(40);
    it('has ties and nulls in every attribute', () => {
      for (const field of ['title', 'rank', 'level', 'done', 'dueAt', 'ownerId']) {
        const distinct = new Set(rows.map((r) => JSON.stringify(r[field])));
        expect(distinct.size).toBe(field === 'title' ? 2 : field === 'level' ? 4 : 3);
      }
    });
    const fields = ['title', 'rank', 'level', 'done', 'dueAt', 'ownerId'];
    const sorts: SortInput[][] = [[], [{ field: 'id', order: 'DESC' }], [{ field: 'level', order: 'DESC' }, { field: 'done' }, { field: 'rank', order: 'DESC' }]];
    for (const a of fields) {
      for (const order of ['ASC', 'DESC'] as const) {
        sorts.push([{ field: a, order }]);
        for (const b of fields) if (b !== a) sorts.push([{ field: a, order }, { field: b, order: order === 'ASC' ? 'DESC' : 'ASC' }]);
      }
    }
    it.each(sorts.map((sort) => [sort.map((s) => `${s.field} ${s.order ?? 'ASC'}`).join(', ') || '(default)', sort] as const))('%s', (_name, sort) => {
      const keys = keysOf(sort);
      const sorted = [...rows].sort((x, y) => compareRows(keys, x, y));
      const ids = (list: RecordState[]) => list.map((r) => r.id);
      sorted.forEach((row, index) => {
        const values = restoreKeyValues(keys, cursorValues(keys, row))!;
        const after = keysetWhere(keys, values, 'after');
        const before = keysetWhere(keys, values, 'before');
        expect(ids(sorted.filter((r) => matches(after, r)))).toEqual(ids(sorted.slice(index + 1)));
        expect(ids(sorted.filter((r) => matches(before, r)))).toEqual(ids(sorted.slice(0, index)));
      });
    });
  });
});

/** Rows with few distinct values (many ties) and nulls in every nullable attribute. */
function generateRows(count: number): RecordState[] {
  let seed = 7;
  const pick = <T>(options: readonly T[]): T => {
    seed = (seed * 48271) % 2147483647; // Park-Miller: small enough to stay exact in doubles
    return options[Math.floor((seed / 2147483647) * options.length)]!;
  };
  const dates = [null, new Date('2026-01-01T00:00:00.000Z'), new Date('2026-01-01T00:00:00.001Z')];
  const owners = [null, '0190a6f0-0000-7000-8000-00000000000a', '0190a6f0-0000-7000-8000-00000000000b'];
  return Array.from({ length: count }, (_, i) => ({
    id: `0190a6f0-0000-7000-8000-${String(i).padStart(12, '0')}`, version: 1, createdAt: dates[1]!, updatedAt: dates[1]!,
    title: pick(['a', 'b']), rank: pick([null, 1, 2]), level: pick([null, 'LOW', 'MID', 'HIGH']), done: pick([null, false, true]),
    dueAt: pick(dates), ownerId: pick(owners),
  }));
}

/** PostgreSQL's order: null greatest, enums by declaration, false < true. */
function compareRows(keys: readonly SortKey[], x: RecordState, y: RecordState): number {
  for (const { attribute, descending } of keys) {
    const a = x[attribute.name];
    const b = y[attribute.name];
    const order = a === null || b === null ? Number(a === null) - Number(b === null) : compareValues(attribute, a, b);
    if (order !== 0) return descending ? -order : order;
  }
  return 0;
}

function compareValues(attribute: Attribute, a: unknown, b: unknown): number {
  if (attribute.type === 'enum') return attribute.values!.indexOf(a as string) - attribute.values!.indexOf(b as string);
  const [p, q] = [a, b].map((v) => (v instanceof Date ? v.getTime() : typeof v === 'boolean' ? Number(v) : v)) as [never, never];
  return p < q ? -1 : p > q ? 1 : 0;
}

/**
 * Evaluates the Prisma `where` subset keysets use, with SQL semantics (a
 * comparison with null is false). Fails on an operator Prisma lacks for the
 * attribute's type (gt/lt on enums and booleans).
 */
function matches(where: Record<string, unknown>, row: RecordState): boolean {
  return Object.entries(where).every(([key, condition]) => {
    if (key === 'OR') return (condition as Record<string, unknown>[]).some((w) => matches(w, row));
    if (key === 'AND') return (condition as Record<string, unknown>[]).every((w) => matches(w, row));
    const attribute = task.attributeByName.get(key)!;
    const value = row[key];
    if (condition === null) return value === null;
    return Object.entries(condition as Record<string, unknown>).every(([operator, operand]) => {
      if (operator === 'not' && operand === null) return value !== null;
      if (value === null) return false;
      if (operator === 'equals') return compareValues(attribute, value, operand) === 0;
      if (operator === 'in') return (operand as unknown[]).some((o) => compareValues(attribute, value, o) === 0);
      if ((operator === 'gt' || operator === 'lt') && attribute.type !== 'enum' && attribute.type !== 'boolean') {
        const order = compareValues(attribute, value, operand);
        return operator === 'gt' ? order > 0 : order < 0;
      }
      throw new Error(`Prisma has no "${operator}" filter for ${attribute.type} attribute ${key}.`);
    });
  });
}
