import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAppDomain } from '../../src/app/domain';
import { projectRoot } from '../../src/db/config';
import { buildSchema, printSortedSchema } from '../../src/graphql/schema';

describe('schema.graphql', () => {
  it('is the current printed SDL of the reference app (run `npm run schema:print` when this fails)', () => {
    const committed = readFileSync(join(projectRoot, 'schema.graphql'), 'utf8');
    expect(printSortedSchema(buildSchema(createAppDomain()))).toBe(committed);
  });
});
