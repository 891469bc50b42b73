import { createAppDomain } from '../../src/app/domain';
import { toPrismaWhere } from '../../src/engine/filter';
import { InvalidQueryInput } from '../../src/engine/query-errors';

const domain = createAppDomain();
const item = domain.resource('Item');

describe('translating filters to Prisma (pure)', () => {
  it('maps operators, combinators and relationships', () => {
    expect(toPrismaWhere(domain, item, {
      title: { eq: 'a', contains: 'b', ne: null },
      or: [{ priority: { gt: 1 } }, { status: { in: ['DONE'] } }],
      not: { workspace: { name: { startsWith: 'W' } } },
      comments: { none: { body: { eq: 'x' } }, some: null },
    }, ['filter'])).toEqual({
      AND: [
        { title: { equals: 'a', contains: 'b' } },
        { OR: [{ priority: { gt: 1 } }, { status: { in: ['DONE'] } }] },
        { NOT: { workspace: { is: { name: { startsWith: 'W' } } } } },
        { comments: { none: { body: { equals: 'x' } } } },
      ],
    });
  });

  it('escapes LIKE wildcards in contains / startsWith values', () => {
    expect(toPrismaWhere(domain, item, { title: { contains: '5%_\\', startsWith: 'a_' } }, [])).toEqual({
      title: { contains: '5\\%\\_\\\\', startsWith: 'a\\_' },
    });
  });

  it('answers isNull on a required attribute without asking the database', () => {
    expect(toPrismaWhere(domain, item, { title: { isNull: true } }, [])).toEqual({ id: { in: [] } });
    expect(toPrismaWhere(domain, item, { title: { isNull: false } }, [])).toEqual({});
  });

  it('rejects unknown fields and malformed ids with their path', () => {
    expect(() => toPrismaWhere(domain, item, { and: [{ colour: { eq: 'red' } }] }, ['filter'])).toThrow(
      new InvalidQueryInput('Item cannot be filtered by "colour".', ['filter', 'and', '0', 'colour']),
    );
    try {
      toPrismaWhere(domain, item, { id: { eq: 'nope' } }, ['filter']);
      throw new Error('not rejected');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidQueryInput);
      expect((error as InvalidQueryInput).path).toEqual(['filter', 'id', 'eq']);
    }
  });
});
