import { types } from 'pg';
import { parseTimestamptz } from '../../src/db/pg-types';

describe('parseTimestamptz', () => {
  const reference = types.getTypeParser(1184);

  it.each([
    '2026-11-21 01:02:03.456+00',
    '2026-11-21 01:02:03+00',
    '2026-11-21 01:02:03.4+00',
    '2026-11-21 01:02:03.456789+05:30',
    '1999-12-31 23:59:59.999-08',
    '2026-03-29 02:30:00-03:30',
  ])('reads %s as node-postgres does', (text) => {
    expect(parseTimestamptz(text).getTime()).toBe((reference(text) as Date).getTime());
  });

  it('hands other forms to node-postgres', () => {
    for (const text of ['0044-03-15 12:00:00+00 BC', 'infinity', '1900-01-01 00:00:00+00:09:21']) {
      expect(String(parseTimestamptz(text))).toBe(String(reference(text)));
    }
  });
});
