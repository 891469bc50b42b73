import type { PrismaClient } from '../generated/prisma/client';
import type { WriteMetadata } from '../events/types';
import type { Domain } from '../resource';

/** What the engine needs to run actions and reads for one request. */
export interface EngineContext {
  readonly prisma: PrismaClient;
  readonly domain: Domain;
  readonly metadata: WriteMetadata;
  /** The clock; tests may fix it. */
  readonly now?: () => Date;
}
