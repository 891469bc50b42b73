import { matchesParentFilter, parentFilterWhere } from '../../src/engine/parent-filter';
import type { RecordState } from '../../src/engine/record';
import { parent, parentConditions } from '../../src/resource';

const record = (values: Record<string, unknown>) => ({ id: 'x', version: 1, createdAt: new Date(0), updatedAt: new Date(0), ...values }) as RecordState;
const conditions = parentConditions({ workspaceId: { eq: parent('workspaceId') }, priority: { gt: parent('priority') }, title: { ne: 'skip' } });

describe('noAttributes parent filters (pure)', () => {
  it('substitutes the parent values into a Prisma where', () => {
    expect(parentFilterWhere(conditions, record({ workspaceId: 'w1', priority: 3 }))).toEqual({
      AND: [{ workspaceId: { equals: 'w1' } }, { priority: { gt: 3 } }, { title: { not: 'skip' } }],
    });
  });

  it('relates nothing to a parent whose referenced value is NULL (as SQL comparisons would)', () => {
    expect(parentFilterWhere(conditions, record({ workspaceId: null, priority: 3 }))).toBeNull();
  });

  it('evaluates the same conditions in memory, for splitting one batched result between parents', () => {
    const p = record({ workspaceId: 'w1', priority: 3 });
    expect(matchesParentFilter(conditions, p, record({ workspaceId: 'w1', priority: 4, title: 'a' }))).toBe(true);
    expect(matchesParentFilter(conditions, p, record({ workspaceId: 'w1', priority: 3, title: 'a' }))).toBe(false);
    expect(matchesParentFilter(conditions, p, record({ workspaceId: 'w2', priority: 9, title: 'a' }))).toBe(false);
    expect(matchesParentFilter(conditions, p, record({ workspaceId: 'w1', priority: 9, title: 'skip' }))).toBe(false);
    expect(matchesParentFilter(conditions, p, record({ workspaceId: 'w1', priority: null, title: 'a' }))).toBe(false);
  });

  it('compares dates by time and supports every operator', () => {
    const at = (t: number) => new Date(t);
    const cases: [string, number, boolean][] = [['lt', 1, true], ['lt', 2, false], ['lte', 2, true], ['gte', 3, true], ['gte', 1, false], ['gt', 2, false], ['eq', 2, true], ['ne', 2, false]];
    for (const [operator, value, expected] of cases) {
      const c = parentConditions({ dueAt: { [operator]: parent('dueAt') } });
      expect([operator, value, matchesParentFilter(c, record({ dueAt: at(2) }), record({ dueAt: at(value) }))]).toEqual([operator, value, expected]);
    }
  });
});
