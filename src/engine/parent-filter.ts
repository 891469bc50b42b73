import { isParentRef, type ParentCondition } from '../resource';
import type { RecordState } from './record';

type Where = Record<string, unknown>;

const PRISMA_OPERATOR = { eq: 'equals', ne: 'not', lt: 'lt', lte: 'lte', gt: 'gt', gte: 'gte' } as const;

const valueFor = (condition: ParentCondition, parent: RecordState): unknown =>
  isParentRef(condition.value) ? parent[condition.value.parentAttribute] : condition.value;

/**
 * The Prisma `where` selecting the records related to `parent` through a
 * noAttributes filter, or null when none can be (a condition on a NULL
 * parent value never holds, as in SQL).
 */
export function parentFilterWhere(conditions: readonly ParentCondition[], parent: RecordState): Where | null {
  const parts: Where[] = [];
  for (const condition of conditions) {
    const value = valueFor(condition, parent);
    if (value == null) return null;
    parts.push({ [condition.attribute]: { [PRISMA_OPERATOR[condition.operator]]: value } });
  }
  return { AND: parts };
}

/**
 * Whether `record` is related to `parent` (the same conditions, evaluated in
 * memory to split one batched result between parents). Strings compare by
 * code point, which matches the database for eq / ne; ordering operators on
 * strings follow code-point order, not the database collation.
 */
export function matchesParentFilter(conditions: readonly ParentCondition[], parent: RecordState, record: RecordState): boolean {
  return conditions.every((condition) => {
    const expected = comparable(valueFor(condition, parent));
    const actual = comparable(record[condition.attribute]);
    if (expected == null || actual == null) return false;
    switch (condition.operator) {
      case 'eq': return actual === expected;
      case 'ne': return actual !== expected;
      case 'lt': return actual < expected;
      case 'lte': return actual <= expected;
      case 'gt': return actual > expected;
      case 'gte': return actual >= expected;
    }
  });
}

const comparable = (value: unknown): string | number | boolean | null => {
  if (value instanceof Date) return value.getTime();
  if (value === undefined || value === null) return null;
  return value as string | number | boolean;
};
