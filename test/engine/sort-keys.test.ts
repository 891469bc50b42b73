import { createAppDomain } from '../../src/app/domain';
import { InvalidQueryInput } from '../../src/engine/query-errors';
import { keysetOrderBy, sortFingerprint, sortKeys } from '../../src/engine/sort-keys';
import { task } from '../support/sortable-domain';

const domain = createAppDomain();
const item = domain.resource('Item');
const keyNames = (keys: ReturnType<typeof sortKeys>) => keys.map((k) => `${k.attribute.name} ${k.descending ? 'DESC' : 'ASC'}`);

describe('sort keys of a root list (pure)', () => {
  it('defaults to creation order and always ends with id ascending as the tie-break', () => {
    expect(keyNames(sortKeys(item, null, ['sort']))).toEqual(['id ASC']);
    expect(keyNames(sortKeys(item, [], ['sort']))).toEqual(['id ASC']);
    expect(keyNames(sortKeys(item, [{ field: 'priority', order: 'DESC' }, { field: 'title' }], ['sort'])))
      .toEqual(['priority DESC', 'title ASC', 'id ASC']);
    expect(keyNames(sortKeys(item, [{ field: 'status', order: null }], ['sort']))).toEqual(['status ASC', 'id ASC']);
  });

  it('lets an explicit id key be the tie-break, and drops keys that cannot change the order', () => {
    expect(keyNames(sortKeys(item, [{ field: 'id', order: 'DESC' }], ['sort']))).toEqual(['id DESC']);
    expect(keyNames(sortKeys(item, [{ field: 'priority' }, { field: 'id', order: 'DESC' }, { field: 'title' }], ['sort'])))
      .toEqual(['priority ASC', 'id DESC']);
    expect(keyNames(sortKeys(item, [{ field: 'priority' }, { field: 'priority', order: 'DESC' }], ['sort'])))
      .toEqual(['priority ASC', 'id ASC']);
  });

  it('rejects attributes that are unknown or not sortable, at their path', () => {
    expect(() => sortKeys(item, [{ field: 'title' }, { field: 'colour' }], ['sort']))
      .toThrow(new InvalidQueryInput('Item cannot be sorted by "colour".', ['sort', '1', 'field']));
    expect(() => sortKeys(task, [{ field: 'meta' }], ['sort'])).toThrow('Task cannot be sorted by "meta".');
  });

  it('fingerprints the resource and the effective keys, so equivalent sorts share cursors', () => {
    const print = (sort: Parameters<typeof sortKeys>[1], resource = item) => sortFingerprint(resource, sortKeys(resource, sort, []));
    expect(print([{ field: 'priority' }])).toBe(print([{ field: 'priority', order: 'ASC' }, { field: 'priority', order: 'DESC' }]));
    expect(print([{ field: 'priority' }])).toBe(print([{ field: 'priority' }, { field: 'id' }]));
    expect(print(null)).toBe(print([{ field: 'id' }]));
    expect(print([{ field: 'priority' }])).not.toBe(print([{ field: 'priority', order: 'DESC' }]));
    expect(print([{ field: 'priority' }])).not.toBe(print([{ field: 'priority' }, { field: 'title' }]));
    expect(print(null)).not.toBe(print([{ field: 'id', order: 'DESC' }]));
    expect(print(null)).not.toBe(print(null, domain.resource('Comment')));
    expect(print(null)).toMatch(/^[\w-]{16}$/);
  });

  it('orders by every key, reversed for backward pages', () => {
    const keys = sortKeys(item, [{ field: 'priority', order: 'DESC' }, { field: 'title' }], []);
    expect(keysetOrderBy(keys, false)).toEqual([{ priority: 'desc' }, { title: 'asc' }, { id: 'asc' }]);
    expect(keysetOrderBy(keys, true)).toEqual([{ priority: 'asc' }, { title: 'desc' }, { id: 'desc' }]);
  });
});
