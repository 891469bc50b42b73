import { createHash } from 'node:crypto';
import { getOperationAST, GraphQLError } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import type { Principal } from '../../engine/principal';
import { stableJson } from '../../util/stable-json';
import type { IdempotencyKeyStore, StoredResponse } from './key-store';

/** The request header that carries the key (Stripe's name). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Set on a response that is a stored one, replayed. */
export const REPLAYED_HEADER = 'idempotent-replayed';

/** A key: 1 to 255 visible ASCII characters (a UUID is the usual choice). */
const KEY = /^[\x21-\x7e]{1,255}$/;
/** How often a retry looks whether the first request with its key has finished. */
const POLL_MS = 25;

export interface IdempotencyOptions {
  readonly store: IdempotencyKeyStore;
  /** How long a retry waits for the first request with its key to finish before it is refused (IDEMPOTENCY_KEY_IN_USE). */
  readonly waitMs: number;
}

/** What the plugin decided for a request: run it and keep its response, or answer with a stored one. */
type Handling =
  | { readonly kind: 'first'; readonly scope: string; readonly key: string }
  | { readonly kind: 'replay'; readonly response: StoredResponse };

/**
 * Idempotent retries (Stripe's `Idempotency-Key`). A POST carrying the header
 * runs at most once per sender and key: the first request claims the key in
 * the database and its response is stored; a retry with the same operation
 * (query, variables, operation name) gets that response again, with
 * `Idempotent-Replayed: true`, without running anything. A retry that comes
 * while the first still runs waits for it (up to `waitMs`, then 409
 * IDEMPOTENCY_KEY_IN_USE). The same key with another operation is refused
 * (422 IDEMPOTENCY_KEY_REUSED), as is a malformed key (400
 * IDEMPOTENCY_KEY_INVALID) or a key on a batched request (400
 * IDEMPOTENCY_KEY_BATCH: a key covers one operation). Only mutations keep a
 * key: a query with the header runs as usual. A first request
 * answered with a 5xx status (overload, an unexpected error: nothing was
 * written) releases its key, so a retry runs. Keys are per sender (the
 * actor, the service, or every anonymous sender together), so one client
 * cannot replay another's response. GET requests (reads only) ignore the
 * header.
 *
 * A process that dies while running a request leaves its key claimed without
 * a response until the key expires: retries are refused (in use) rather than
 * risk applying the mutation twice.
 */
export function useIdempotency(options: IdempotencyOptions): Plugin {
  const handled = new WeakMap<Request, Handling>();
  return {
    // A batch is refused as soon as it is parsed, before any of its operations runs.
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (!requestParser || request.method !== 'POST' || !request.headers.has(IDEMPOTENCY_HEADER)) return;
      const parse = requestParser;
      setRequestParser(async (req) => {
        const parsed = await parse(req);
        if (Array.isArray(parsed)) {
          throw idempotencyError('IDEMPOTENCY_KEY_BATCH', 'An Idempotency-Key covers one operation: send a batched request without it, or each operation on its own.', 400);
        }
        return parsed;
      });
    },
    // A malformed key is refused before anything runs, whatever the operation.
    onParams({ request }) {
      const key = request.headers.get(IDEMPOTENCY_HEADER);
      if (key === null || request.method !== 'POST' || KEY.test(key)) return;
      throw idempotencyError('IDEMPOTENCY_KEY_INVALID', 'The Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID, say).', 400);
    },
    // Decided where the operation is known (only mutations keep a key: a read has nothing to apply twice, and
    // storing its response would let anyone fill the table) and the sender has been authenticated.
    async onExecute({ args, setResultAndStopExecution }) {
      const { request, params, principal } = args.contextValue as unknown as { request: Request; params: GraphQLParams; principal: Principal };
      const key = request.headers.get(IDEMPOTENCY_HEADER);
      if (key === null || request.method !== 'POST') return;
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      const scope = scopeOf(principal);
      const fingerprint = createHash('sha256')
        .update(stableJson({ query: params.query ?? null, variables: params.variables ?? null, operationName: params.operationName ?? null }))
        .digest('hex');
      const deadline = Date.now() + options.waitMs;
      for (;;) {
        const claim = await options.store.claim(scope, key, fingerprint);
        if (claim.claimed) {
          handled.set(request, { kind: 'first', scope, key });
          return;
        }
        const { existing } = claim;
        if (existing === null) continue; // released or expired meanwhile: claim it again
        if (existing.fingerprint !== fingerprint) {
          throw idempotencyError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different operation: use a new key for a new operation.', 422);
        }
        if (existing.response) {
          handled.set(request, { kind: 'replay', response: existing.response });
          // Nothing runs; onResponse answers with the stored response.
          setResultAndStopExecution({ data: null });
          return;
        }
        if (Date.now() >= deadline) {
          throw idempotencyError('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still running: retry later for its response.', 409, { 'Retry-After': '1' });
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    async onResponse({ request, response, setResponse }) {
      const handling = handled.get(request);
      if (!handling) return;
      handled.delete(request);
      if (handling.kind === 'replay') {
        const { status, contentType, body } = handling.response;
        setResponse(new Response(body, { status, headers: { ...(contentType ? { 'content-type': contentType } : {}), [REPLAYED_HEADER]: 'true' } }));
        return;
      }
      const { scope, key } = handling;
      if (response.status >= 500) {
        await options.store.release(scope, key);
        return;
      }
      const body = await response.clone().text();
      await options.store.complete(scope, key, { status: response.status, contentType: response.headers.get('content-type'), body });
    },
  };
}

/** Whose keys these are: one namespace per actor, per service, and one for every anonymous sender. */
function scopeOf(principal: Principal): string {
  return principal.kind === 'anonymous' ? 'anonymous' : `${principal.kind}:${principal.id}`;
}

function idempotencyError(code: string, message: string, status: number, headers: Record<string, string> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status, headers } } });
}
