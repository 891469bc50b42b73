import type { FetchAPI, Plugin } from 'graphql-yoga';
import { formatCount, limitError } from './limit-error';

/**
 * Refuses a request body larger than `maxBytes` with REQUEST_TOO_LARGE (HTTP
 * 413) before its JSON is parsed: at once when Content-Length says so, else
 * (chunked or streamed bodies) as soon as the bytes read pass the limit,
 * without reading the rest.
 *
 * Replaces Yoga's own `maxRequestBodySize` (turned off in createServer), which
 * does the same with the code REQUEST_ENTITY_TOO_LARGE. Request parsers are
 * registered by Yoga's built-in plugins, which come before ours, so the one
 * chosen for the request is known here.
 */
export function useRequestSizeLimit(maxBytes: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
        throw limitError(
          'REQUEST_TOO_LARGE',
          `The request body has ${formatCount(Number(declared))} bytes but at most ${formatCount(maxBytes)} are accepted.`,
          413,
          { maxRequestBytes: maxBytes },
        );
      }
      // Within a declared length the body cannot grow past it (HTTP framing: the server reads that many
      // bytes), so only bodies without one are counted, which spares most requests a stream wrapper.
      if (declared !== null && /^\d+$/.test(declared)) return;
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser((req) => parse(withCountedBody(req, maxBytes, fetchAPI)));
    },
  };
}

/** `request` whose body stream fails with REQUEST_TOO_LARGE once more than `maxBytes` pass through it. */
function withCountedBody(request: Request, maxBytes: number, fetchAPI: FetchAPI): Request {
  let read = 0;
  // A native stream needs the native TransformStream (as in Yoga's own limit, graphql-yoga#4583).
  const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  const counted = request.body!.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > maxBytes) {
          controller.error(limitError(
            'REQUEST_TOO_LARGE',
            `The request body has more than ${formatCount(maxBytes)} bytes, the most accepted.`,
            413,
            { maxRequestBytes: maxBytes },
          ));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: counted,
    duplex: 'half',
  } as RequestInit);
}
