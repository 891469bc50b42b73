import type { Database } from '../db/client';
import { checkDomainAgainstModels, dataModelOf } from '../db/model-check';
import { buildSchema } from '../graphql/schema';
import { DomainDefinitionError } from '../resource';
import { createServer, type ServerOptions } from '../server/create-server';
import { createAppDomain } from './domain';

/**
 * Wires the reference app: its domain (validated, also against the Prisma
 * models), the schema derived from it, and the HTTP server on `db`.
 */
export function createApp(db: Pick<Database, 'prisma' | 'sql'> & Partial<Pick<Database, 'connectionCounts'>>, options: Partial<Omit<ServerOptions, 'schema' | 'domain' | 'prisma' | 'sql'>> = {}) {
  const domain = createAppDomain();
  const problems = checkDomainAgainstModels(domain, dataModelOf(db.prisma));
  if (problems.length > 0) throw new DomainDefinitionError(problems);
  const schema = buildSchema(domain);
  // The metrics read the database's connections unless the caller says otherwise.
  const metrics = { ...(db.connectionCounts ? { connections: db.connectionCounts } : {}), ...options.metrics };
  const server = createServer({ ...options, metrics, schema, domain, prisma: db.prisma, sql: db.sql });
  return { domain, schema, server };
}
