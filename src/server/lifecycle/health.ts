import type { IncomingMessage, ServerResponse } from 'node:http';

/** Liveness: answered 200 whenever the process answers HTTP at all. */
export const HEALTH_PATH = '/health';
/** Readiness: 200 only while this instance should receive traffic (see readiness.ts). */
export const READY_PATH = '/ready';

/** The one body `/health` ever answers with. */
export const HEALTH_BODY = '{"status":"ok"}';

/**
 * Headers of a probe's answer, a new object each time (a Response may add to
 * the object it is given). Never served from a cache: each poll asks the
 * process again.
 */
export const probeHeaders = (): Record<string, string> => ({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });

/** The path of a request target (`/ready?x=1` -> `/ready`). */
export function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/**
 * Answers `GET /health` (or HEAD) with 200 `{"status":"ok"}` and returns true;
 * returns false for any other request. It runs in front of the app at every
 * stage (starting, serving, draining), so liveness never depends on the
 * database or on start-up having finished: a load balancer or orchestrator
 * restarts a process only when it stops answering.
 */
export function answerHealth(request: IncomingMessage, response: ServerResponse): boolean {
  if (pathOf(request) !== HEALTH_PATH || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
  response.writeHead(200, probeHeaders());
  response.end(request.method === 'HEAD' ? undefined : HEALTH_BODY);
  return true;
}
