import type { Plugin } from 'graphql-yoga';

/**
 * `GET /` (or HEAD) answers 302 to `target` (GraphiQL, the API's only page),
 * keeping the query string, instead of Yoga's 404 landing page. Other paths
 * and methods are left alone.
 */
export function useRootRedirect(target: string): Plugin {
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== '/' || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      endResponse(new fetchAPI.Response(null, { status: 302, headers: { location: `${target}${url.search}` } }));
    },
  };
}
