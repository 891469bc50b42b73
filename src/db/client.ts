import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { PrismaClient } from '../generated/prisma/client';
import { PrismaClient as PrismaClientClass } from '../generated/prisma/client';
import type { DatabaseConfig } from './config';

/** An open database: the Prisma client plus what migrations and shutdown need. */
export interface Database {
  readonly kind: DatabaseConfig['kind'];
  readonly prisma: PrismaClient;
  /** The driver adapter factory the client runs on; migrations reuse it. */
  readonly adapter: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Called with the SQL of every statement the client sends (query counting in tests). */
  readonly onQuery?: (sql: string) => void;
}

/** A Prisma client on `adapter`, reporting each statement to `onQuery` when given. */
export function createPrismaClient(adapter: SqlMigrationAwareDriverAdapterFactory, options: DatabaseOptions = {}): PrismaClient {
  if (!options.onQuery) return new PrismaClientClass({ adapter });
  const prisma = new PrismaClientClass({ adapter, log: [{ emit: 'event', level: 'query' }] });
  const onQuery = options.onQuery;
  prisma.$on('query', (event) => onQuery(event.query));
  return prisma;
}

/**
 * Opens the database described by `config`. PGlite with `dataDir: undefined`
 * is an in-memory database (tests); otherwise its files live in `dataDir`.
 */
export async function openDatabase(config: DatabaseConfig, options: DatabaseOptions = {}): Promise<Database> {
  if (config.kind === 'postgres') {
    const adapter = new PrismaPg({ connectionString: config.url, max: 10 });
    const prisma = createPrismaClient(adapter, options);
    return { kind: 'postgres', prisma, adapter, close: () => prisma.$disconnect() };
  }
  const pglite = await PGlite.create(config.dataDir);
  const adapter = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
  const prisma = createPrismaClient(adapter, options);
  return {
    kind: 'pglite',
    prisma,
    adapter,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
