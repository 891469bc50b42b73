import { readFileSync } from 'node:fs';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { ConfigurationError } from '../util/configuration-error';
import { sha256Hex } from './persisted-operations-apq';

/** Trusted documents by id: the lowercase hex SHA-256 of each document's text. */
export type TrustedDocuments = ReadonlyMap<string, string>;

const DOCUMENT_ID = /^(?:sha256:)?([0-9a-fA-F]{64})$/;

/** "sha256:<hex>" or "<hex>" -> lowercase hex; undefined for anything else. */
const hexOf = (id: string): string | undefined => DOCUMENT_ID.exec(id)?.[1]?.toLowerCase();

/**
 * Reads a persisted-documents file as GraphQL Code Generator's client preset
 * writes it (`{ "sha256:<hex>": "<document text>", ... }`), refusing, with a
 * message naming the file, one that cannot be read, is not such an object, is
 * empty, or lists a document whose id is not the SHA-256 of its text (an
 * edited or stale file).
 */
export function loadTrustedDocuments(path: string): TrustedDocuments {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`TRUSTED_DOCUMENTS: cannot read ${path} (${(error as Error).message}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`TRUSTED_DOCUMENTS: ${path} is not JSON (${(error as Error).message}).`);
  }
  return trustedDocumentsOf(json, path);
}

/** The documents of a parsed persisted-documents object (see `loadTrustedDocuments`); `source` names it in messages. */
export function trustedDocumentsOf(json: unknown, source: string): TrustedDocuments {
  const expected = 'an object of "sha256:<hex>": "<document text>" as the client preset writes it (persisted-documents.json)';
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ConfigurationError(`TRUSTED_DOCUMENTS: ${source} is not ${expected}.`);
  const documents = new Map<string, string>();
  for (const [id, text] of Object.entries(json)) {
    const hex = hexOf(id);
    if (hex === undefined || typeof text !== 'string') throw new ConfigurationError(`TRUSTED_DOCUMENTS: ${source} is not ${expected}: the entry ${JSON.stringify(id)} is not.`);
    if (sha256Hex(text) !== hex) throw new ConfigurationError(`TRUSTED_DOCUMENTS: in ${source}, ${JSON.stringify(id)} is not the SHA-256 of its document; regenerate the file (npm run codegen).`);
    documents.set(hex, text);
  }
  if (documents.size === 0) throw new ConfigurationError(`TRUSTED_DOCUMENTS: ${source} lists no documents, so the server could run nothing.`);
  return documents;
}

/**
 * Refuses (at start-up) trusted documents that do not parse or do not
 * validate against `schema`: generated from another version of the API.
 */
export function checkTrustedDocuments(schema: GraphQLSchema, documents: TrustedDocuments): void {
  const problems: string[] = [];
  for (const [hex, text] of documents) {
    try {
      const errors = validate(schema, parse(text));
      if (errors.length > 0) problems.push(`sha256:${hex}: ${errors.map((e) => e.message).join(' ')}`);
    } catch (error) {
      problems.push(`sha256:${hex}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) {
    throw new ConfigurationError(`TRUSTED_DOCUMENTS: ${problems.length} trusted document(s) do not fit this server's schema; regenerate them against it (npm run codegen).\n${problems.join('\n')}`);
  }
}

/**
 * Runs only `documents`: a request names one by `documentId` (the client
 * preset's `"sha256:<hex>"`; by GET, the `documentId` query parameter) or by
 * `extensions.persistedQuery.sha256Hash` (Apollo's persisted-query link),
 * and sends no query text. Refused, before anything is parsed (HTTP 400):
 * query text, even valid or in the list (PERSISTED_QUERY_ONLY); no id
 * (PERSISTED_QUERY_ID_REQUIRED); an id not in the list
 * (PERSISTED_QUERY_NOT_IN_LIST: not PERSISTED_QUERY_NOT_FOUND, which would
 * make Apollo's link send the text, refused in turn).
 */
export function useTrustedDocuments(documents: TrustedDocuments): Plugin {
  const plugin = usePersistedOperations({
    allowArbitraryOperations: false,
    extractPersistedOperationId: documentIdOf,
    getPersistedOperation: (id) => {
      const hex = hexOf(id);
      return (hex !== undefined && documents.get(hex)) || null;
    },
    customErrors: {
      persistedQueryOnly: refusal(
        'PERSISTED_QUERY_ONLY',
        'This server runs only its trusted documents: send the documentId of one (e.g. { "documentId": "sha256:<hex>" }) instead of query text.',
      ),
      keyNotFound: refusal('PERSISTED_QUERY_ID_REQUIRED', 'This server runs only its trusted documents: name one by documentId.'),
      notFound: refusal('PERSISTED_QUERY_NOT_IN_LIST', 'No trusted document has this documentId; this server runs only the documents it was started with.'),
    },
  });
  return {
    ...plugin,
    onParams(payload) {
      // Malformed parameters (a batch entry that is not an object) are refused by Yoga after this.
      if (typeof payload.params !== 'object' || payload.params === null) return;
      return plugin.onParams?.(payload);
    },
  };
}

function documentIdOf(params: GraphQLParams, request: Request): string | null {
  const given = (params as { documentId?: unknown }).documentId;
  if (typeof given === 'string') return given;
  if (request.method === 'GET') {
    const fromUrl = new URL(request.url).searchParams.get('documentId');
    if (fromUrl) return fromUrl;
  }
  const persisted = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : null;
}

const refusal = (code: string, message: string) => ({ message, extensions: { code, http: { status: 400 } } });
