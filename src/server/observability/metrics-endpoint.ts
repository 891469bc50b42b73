import { timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';
import { ConfigurationError } from '../../util/configuration-error';

export const METRICS_PATH = '/metrics';

/**
 * Serves `GET /metrics` in Prometheus' text format (`text/plain;
 * version=0.0.4`) from `registry`. With a `token`, a scrape must send
 * `Authorization: Bearer <token>` (else 401); without one the endpoint is
 * open, as is usual behind a private network or a proxy that hides it.
 */
export function useMetricsEndpoint(registry: Registry, token?: string): Plugin {
  const expected = token === undefined ? undefined : Buffer.from(`Bearer ${token}`);
  return {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== METRICS_PATH) return;
      if (request.method !== 'GET') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET' } }));
        return;
      }
      if (expected && !sameSecret(request.headers.get('authorization'), expected)) {
        endResponse(new fetchAPI.Response('Unauthorized\n', { status: 401, headers: { 'www-authenticate': 'Bearer', 'content-type': 'text/plain' } }));
        return;
      }
      endResponse(new fetchAPI.Response(await registry.metrics(), { status: 200, headers: { 'content-type': registry.contentType } }));
    },
  };
}

/** Compares in constant time, so the token cannot be guessed byte by byte from response times. */
function sameSecret(given: string | null, expected: Buffer): boolean {
  if (given === null) return false;
  const bytes = Buffer.from(given);
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}

/** METRICS_TOKEN: unset or empty leaves `/metrics` open; a token shorter than 16 characters refuses start-up. */
export function metricsTokenFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const token = env.METRICS_TOKEN?.trim();
  if (!token) return undefined;
  if (token.length < 16) throw new ConfigurationError('METRICS_TOKEN must be at least 16 characters (or unset, to leave /metrics open).');
  return token;
}
