import type { KeyObject } from 'node:crypto';
import type { Authorization } from '../engine/authorization';
import type { WriteMetadata } from '../events/types';
import type { SqlReader } from '../db/sql-reader';
import type { PrismaClient } from '../generated/prisma/client';
import type { LoaderRegistry } from '../loaders/registry';
import type { Domain } from '../resource';
import type { Principal } from '../engine/principal';

/** Per-request context every resolver receives. Built by the server for each request. */
export interface GraphQLContext {
  /** Writes (in transactions). */
  readonly prisma: PrismaClient;
  /** Reads: root lists and batched loads. */
  readonly sql: SqlReader;
  readonly domain: Domain;
  readonly loaders: LoaderRegistry;
  /** Who sends the request (verified credentials). */
  readonly principal: Principal;
  /** Written on every event the request appends: the actor (`service:<sub>` for a service) and the correlation id. */
  readonly metadata: WriteMetadata;
  readonly limits: SchemaLimits;
  /** Signs and verifies the cursors of root lists (HMAC-SHA256); never shown to clients. */
  readonly cursorSecret: KeyObject;
  /** The resources' policies for this request's actor (TRUSTED when the server does not authorize). */
  readonly authorization: Authorization;
  /** Told how many events each successful mutation appended (the server's metrics and request log). */
  readonly onEventsAppended?: (count: number) => void;
}

export interface SchemaLimits {
  /** Page size of a root list when neither `first` nor `last` is given. */
  readonly defaultPageSize: number;
  /** Largest `first` / `last` accepted. */
  readonly maxPageSize: number;
  /** Deepest field nesting of an operation (`{ a { b } }` is 2); `__schema` / `__type` are not counted. */
  readonly maxDepth: number;
  /** Highest estimated cost of an operation (the cost model is in README "Limits"). */
  readonly maxCost: number;
  /** Size the cost estimate assumes for a list field given no page size (`limit`), e.g. `comments`. */
  readonly assumedListSize: number;
  /** Most aliases in one operation, counted through fragments. */
  readonly maxAliases: number;
  /** Most operations in one HTTP batch (a JSON array of requests). */
  readonly maxBatchSize: number;
  /** Largest request body, in bytes, with or without a Content-Length header. */
  readonly maxRequestBytes: number;
  /**
   * Deepest nesting of brackets in the query text, of fragment spreads within
   * fragment spreads, and of objects and lists in a variable's value: a guard
   * for the parser and the validator, which recurse.
   */
  readonly maxNesting: number;
  /** Most nested entries in one mutation's input (list elements and inline objects at any depth; see `countNestedEntries`). */
  readonly maxNestedEntries: number;
}

export const DEFAULT_SCHEMA_LIMITS: SchemaLimits = {
  defaultPageSize: 100,
  maxPageSize: 500,
  maxDepth: 12,
  maxCost: 50_000,
  assumedListSize: 10,
  maxAliases: 100,
  maxBatchSize: 10,
  maxRequestBytes: 1_048_576,
  maxNesting: 100,
  maxNestedEntries: 1_000,
};
