import type { RecordOf } from '../../src/resource';
import { Item } from '../../src/app/resources/item';
import { Workspace } from '../../src/app/resources/workspace';

/** Compile-time equality: `npm run typecheck` (part of CI) fails when inference changes. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(value: T) => value;

describe('record types inferred from definitions', () => {
  it('gives required and defaulted attributes non-null types and enums their literal values', () => {
    type ItemRecord = RecordOf<typeof Item>;
    assertType<Equal<ItemRecord['title'], string>>(true);
    assertType<Equal<ItemRecord['priority'], number>>(true);
    assertType<Equal<ItemRecord['status'], 'OPEN' | 'DONE'>>(true);
    assertType<Equal<ItemRecord['id'], string>>(true);
    assertType<Equal<ItemRecord['createdAt'], Date>>(true);
    assertType<Equal<RecordOf<typeof Workspace>['private'], boolean>>(true);
    expect(Object.keys(Item.attributes)).toEqual(['title', 'priority', 'status']);
  });
});
