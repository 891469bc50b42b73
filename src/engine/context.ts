import type { SqlReader } from '../db/sql-reader';
import type { PrismaClient } from '../generated/prisma/client';
import type { WriteMetadata } from '../events/types';
import type { Domain } from '../resource';
import type { Authorization } from './authorization';

/** What the engine needs to run actions and reads for one request. */
export interface EngineContext {
  readonly prisma: PrismaClient;
  readonly domain: Domain;
  readonly metadata: WriteMetadata;
  /** Direct SQL on the same database: when given, a plain create runs as one statement without a transaction (see write/one-statement.ts). */
  readonly sql?: SqlReader;
  /** The request's policies; default TRUSTED (none apply: the engine's own callers, e.g. seeding). */
  readonly authorization?: Authorization;
  /**
   * The acting person's id (a signed-in actor, whether or not policies are
   * enforced), from which `relateActor` keys are set; null or absent for
   * services, anonymous requests and the engine's own callers (the seed gives
   * such keys explicitly).
   */
  readonly actorId?: string | null;
  /** Called with the number of events a unit of work appended, once it has committed (metrics); never with 0. */
  readonly onEventsAppended?: (count: number) => void;
  /** The clock; tests may fix it. */
  readonly now?: () => Date;
}
