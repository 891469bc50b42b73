import type { CORSOptions } from 'graphql-yoga';
import { ConfigurationError } from '../util/configuration-error';

/**
 * Which browser origins may call the API (README, "Authentication"):
 * exact origins (`https://app.example.com`), and in development any
 * `http(s)://localhost`, `127.0.0.1` or `[::1]` port. Credentials (cookies)
 * are never allowed: the API authenticates by the Authorization header,
 * which a page can send only when its origin is allowed. Any other origin
 * gets no CORS headers, so the browser keeps the response from the page.
 */
export interface CorsPolicy {
  readonly origins: readonly string[];
  readonly allowLocalhost: boolean;
}

const LOCALHOST = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/** `CORS_ORIGINS` (comma-separated origins); localhost is allowed too unless NODE_ENV is production. */
export function corsPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): CorsPolicy {
  const origins = (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      // reported below
    }
    if (!parsed || parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) {
      throw new ConfigurationError(`CORS_ORIGINS must list origins such as https://app.example.com (scheme, host and port only, no "*" or path) but got: ${JSON.stringify(origin)}.`);
    }
  }
  return { origins, allowLocalhost: env.NODE_ENV !== 'production' };
}

/** Yoga's `cors` option for a policy: per request, the request's own origin when it is allowed, else no CORS headers. */
export function corsOptionsFor(policy: CorsPolicy) {
  return (request: Request): CORSOptions => {
    const origin = request.headers.get('origin');
    const allowed = origin !== null && (policy.origins.includes(origin) || (policy.allowLocalhost && LOCALHOST.test(origin)));
    return allowed ? { origin: [origin], credentials: false, methods: ['GET', 'POST'], maxAge: 600 } : false;
  };
}
