import { cursorValues, restoreKeyValues } from '../../src/engine/key-values';
import type { RecordState } from '../../src/engine/record';
import { sortKeys } from '../../src/engine/sort-keys';
import { task } from '../support/sortable-domain';

const id = '0190a6f0-0000-7000-8000-0000000000aa';
const dueAt = new Date('2026-03-04T05:06:07.089Z');
const keys = sortKeys(task, ['title', 'rank', 'level', 'done', 'dueAt', 'ownerId'].map((field) => ({ field })), []);
const record: RecordState = {
  id, version: 1, createdAt: dueAt, updatedAt: dueAt, title: 't', rank: 3, level: 'MID', done: false, dueAt, ownerId: id,
};

describe('sort key values in cursors (pure)', () => {
  it('carries date-times as ISO strings and restores them as Dates', () => {
    const values = cursorValues(keys, record);
    expect(values).toEqual(['t', 3, 'MID', false, '2026-03-04T05:06:07.089Z', id, id]);
    expect(restoreKeyValues(keys, values)).toEqual(['t', 3, 'MID', false, dueAt, id, id]);
  });

  it('carries nulls of nullable attributes', () => {
    const values = cursorValues(keys, { ...record, rank: null, level: null, done: null, dueAt: null, ownerId: null });
    expect(values).toEqual(['t', null, null, null, null, null, id]);
    expect(restoreKeyValues(keys, values)).toEqual(values);
  });

  it('refuses values that do not fit the keys', () => {
    const good = cursorValues(keys, record);
    const replace = (index: number, value: unknown) => good.map((v, i) => (i === index ? value : v)) as typeof good;
    expect(restoreKeyValues(keys, good.slice(1))).toBeUndefined();
    expect(restoreKeyValues(keys, replace(0, null))).toBeUndefined(); // title is required
    expect(restoreKeyValues(keys, replace(0, 1))).toBeUndefined();
    expect(restoreKeyValues(keys, replace(1, 1.5))).toBeUndefined();
    expect(restoreKeyValues(keys, replace(1, '3'))).toBeUndefined();
    expect(restoreKeyValues(keys, replace(2, 'HUGE'))).toBeUndefined();
    expect(restoreKeyValues(keys, replace(3, 'false'))).toBeUndefined();
    expect(restoreKeyValues(keys, replace(4, '2026-03-04'))).toBeUndefined(); // not the canonical ISO form
    expect(restoreKeyValues(keys, replace(4, 'soon'))).toBeUndefined();
    expect(restoreKeyValues(keys, replace(5, 'not-a-uuid'))).toBeUndefined();
    expect(restoreKeyValues(keys, replace(6, null))).toBeUndefined(); // id
  });
});
