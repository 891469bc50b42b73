import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { PersistedQueryStore } from './persisted-operations-store';

/** `sha256(text)` as lowercase hex: the hash automatic persisted queries name a document by. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Automatic persisted queries, the protocol of Apollo Client's persisted-query
 * link. The client first sends only the hash,
 * `extensions: { persistedQuery: { version: 1, sha256Hash } }`, by POST or by
 * GET (`?extensions=...`):
 * - a document the store holds under that hash runs;
 * - otherwise the answer is `PersistedQueryNotFound` (that message, code
 *   PERSISTED_QUERY_NOT_FOUND, HTTP 200: older links turn persisted queries
 *   off on a 400 or 500), and the client sends the query with the hash.
 * A query sent with a hash runs when the hash is sha256 of its text
 * (otherwise PERSISTED_QUERY_HASH_MISMATCH, HTTP 400, nothing runs), and is
 * stored once it has passed the limits and validation, so the store never
 * holds a document that cannot run. Everything else (limits, mutations
 * refused over GET) applies to a stored document as to one sent in full.
 */
export function useAutomaticPersistedQueries(store: PersistedQueryStore): Plugin {
  /** Per operation (each has its own context object): the document to store once it validates. */
  const registrations = new WeakMap<object, { hash: string; query: string }>();
  return {
    onParams({ params, setParams, context }) {
      const hash = persistedQueryHash(params);
      if (hash === undefined) return;
      if (params.query === undefined || params.query === null) {
        const query = store.get(hash);
        if (query === undefined) throw persistedQueryNotFound();
        setParams({ ...params, query });
        return;
      }
      if (typeof params.query !== 'string') return; // Yoga refuses a query of the wrong type.
      if (sha256Hex(params.query) !== hash) throw hashMismatch();
      registrations.set(context, { hash, query: params.query });
    },
    onValidate({ context }) {
      const registration = registrations.get(context);
      if (!registration) return;
      return ({ valid }) => {
        if (valid) store.set(registration.hash, registration.query);
      };
    },
  };
}

/** The hash of `extensions.persistedQuery`, undefined without one; refuses one the server cannot use. */
function persistedQueryHash(params: unknown): string | undefined {
  if (typeof params !== 'object' || params === null) return undefined; // Yoga refuses malformed parameters.
  const extensions = (params as { extensions?: unknown }).extensions;
  if (typeof extensions !== 'object' || extensions === null || !('persistedQuery' in extensions)) return undefined;
  const persisted = extensions.persistedQuery as { version?: unknown; sha256Hash?: unknown } | null;
  if (persisted?.version !== 1) {
    throw badPersistedQuery(`extensions.persistedQuery.version must be 1 (automatic persisted queries, version 1), not ${JSON.stringify(persisted?.version ?? null)}.`);
  }
  const hash = persisted.sha256Hash;
  if (typeof hash !== 'string' || !SHA256_HEX.test(hash.toLowerCase())) {
    throw badPersistedQuery('extensions.persistedQuery.sha256Hash must be the SHA-256 of the query text, as 64 hexadecimal digits.');
  }
  return hash.toLowerCase();
}

const persistedQueryNotFound = () =>
  new GraphQLError('PersistedQueryNotFound', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });

const hashMismatch = () =>
  new GraphQLError('provided sha does not match query', { extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH', http: { status: 400 } } });

const badPersistedQuery = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
