import type { GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ConfigurationError } from '../util/configuration-error';
import { useAutomaticPersistedQueries } from './persisted-operations-apq';
import { PersistedQueryStore } from './persisted-operations-store';
import { checkTrustedDocuments, loadTrustedDocuments, useTrustedDocuments, type TrustedDocuments } from './persisted-operations-trusted';

/**
 * How the server takes persisted operations (README, "Persisted operations"):
 * - `automatic` (the default): any query runs, and Apollo's automatic
 *   persisted queries register documents by hash in an in-memory store of at
 *   most `maxDocuments` (default 1,000) documents and `maxBytes` (default
 *   16 MiB) of text, least recently used out first;
 * - `trusted`: only `documents` run, named by id; no query text, no
 *   registration.
 */
export type PersistedOperationsOptions =
  | { readonly mode: 'automatic'; readonly maxDocuments?: number; readonly maxBytes?: number }
  | { readonly mode: 'trusted'; readonly documents: TrustedDocuments };

export const DEFAULT_APQ_MAX_DOCUMENTS = 1_000;
export const DEFAULT_APQ_MAX_BYTES = 16 * 1024 * 1024;

/** The Yoga plugin for `options`; throws a ConfigurationError on bad bounds or trusted documents that do not fit `schema`. */
export function usePersistedOperationsOf(options: PersistedOperationsOptions, schema: GraphQLSchema): Plugin {
  if (options.mode === 'trusted') {
    checkTrustedDocuments(schema, options.documents);
    return useTrustedDocuments(options.documents);
  }
  const maxDocuments = options.maxDocuments ?? DEFAULT_APQ_MAX_DOCUMENTS;
  const maxBytes = options.maxBytes ?? DEFAULT_APQ_MAX_BYTES;
  for (const [name, value] of [['maxDocuments', maxDocuments], ['maxBytes', maxBytes]] as const) {
    if (!Number.isSafeInteger(value) || value < 1) throw new ConfigurationError(`persistedOperations.${name} must be a positive integer, not ${value}.`);
  }
  return useAutomaticPersistedQueries(new PersistedQueryStore(maxDocuments, maxBytes));
}

/** TRUSTED_DOCUMENTS=path/to/persisted-documents.json: trusted documents only; unset: automatic persisted queries. */
export function persistedOperationsFromEnv(env: NodeJS.ProcessEnv = process.env): PersistedOperationsOptions {
  const path = env.TRUSTED_DOCUMENTS?.trim();
  return path ? { mode: 'trusted', documents: loadTrustedDocuments(path) } : { mode: 'automatic' };
}
