import type { KeyObject } from 'node:crypto';
import type { WriteMetadata } from '../events/types';
import type { SqlReader } from '../db/sql-reader';
import type { PrismaClient } from '../generated/prisma/client';
import type { LoaderRegistry } from '../loaders/registry';
import type { Domain } from '../resource';

/** Per-request context every resolver receives. Built by the server for each request. */
export interface GraphQLContext {
  /** Writes (in transactions). */
  readonly prisma: PrismaClient;
  /** Reads: root lists and batched loads. */
  readonly sql: SqlReader;
  readonly domain: Domain;
  readonly loaders: LoaderRegistry;
  readonly metadata: WriteMetadata;
  readonly limits: SchemaLimits;
  /** Signs and verifies the cursors of root lists (HMAC-SHA256); never shown to clients. */
  readonly cursorSecret: KeyObject;
  /** Whether the resources' policies apply to this request (see ServerOptions.authorize). */
  readonly authorize: boolean;
}

export interface SchemaLimits {
  /** Page size of a root list when neither `first` nor `last` is given. */
  readonly defaultPageSize: number;
  /** Largest `first` / `last` accepted. */
  readonly maxPageSize: number;
}

export const DEFAULT_SCHEMA_LIMITS: SchemaLimits = { defaultPageSize: 100, maxPageSize: 500 };
