import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client';
import type { DatabaseConfig } from './config';

/** An open database: the Prisma client plus what migrations and shutdown need. */
export interface Database {
  readonly kind: DatabaseConfig['kind'];
  readonly prisma: PrismaClient;
  /** The driver adapter factory the client runs on; migrations reuse it. */
  readonly adapter: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

/**
 * Opens the database described by `config`. PGlite with `dataDir: undefined`
 * is an in-memory database (tests); otherwise its files live in `dataDir`.
 */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'postgres') {
    const adapter = new PrismaPg({ connectionString: config.url, max: 10 });
    const prisma = new PrismaClient({ adapter });
    return { kind: 'postgres', prisma, adapter, close: () => prisma.$disconnect() };
  }
  const pglite = await PGlite.create(config.dataDir);
  const adapter = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
  const prisma = new PrismaClient({ adapter });
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
