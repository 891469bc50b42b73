import { useReadinessCheck, type Plugin } from 'graphql-yoga';
import { probeHeaders, READY_PATH } from './health';
import { readinessBody, type Readiness } from './readiness';

/**
 * `GET /ready` on the serving app: 200 `{"status":"ready"}` while `readiness`
 * says so, otherwise 503 `{"status":"unavailable","reason":"database" |
 * "shutting-down"}` with `Retry-After: 1`. Answered before anything else of
 * the request is done (no GraphQL, no authentication).
 */
export function useReadiness(readiness: Readiness): Plugin {
  return useReadinessCheck({
    endpoint: READY_PATH,
    check: async ({ fetchAPI }) => {
      const result = await readiness.check();
      return new fetchAPI.Response(readinessBody(result), {
        status: result.ready ? 200 : 503,
        headers: result.ready ? probeHeaders() : { ...probeHeaders(), 'retry-after': '1' },
      });
    },
  });
}
