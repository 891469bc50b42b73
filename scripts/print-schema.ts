// Writes schema.graphql: the printed, sorted SDL of the reference app.
// `npm run schema:print`; test/graphql/sdl.test.ts fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAppDomain } from '../src/app/domain';
import { projectRoot } from '../src/db/config';
import { buildSchema, printSortedSchema } from '../src/graphql/schema';

const path = join(projectRoot, 'schema.graphql');
writeFileSync(path, printSortedSchema(buildSchema(createAppDomain())));
console.info(`Wrote ${path}`);
