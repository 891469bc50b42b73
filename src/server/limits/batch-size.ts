import type { Plugin } from 'graphql-yoga';
import { formatCount, limitError } from './limit-error';

/**
 * Refuses an HTTP batch (a JSON array of requests) of more than `maxOperations`
 * with BATCH_TOO_LARGE (HTTP 413), before any of them is parsed. createServer
 * enables Yoga's batching with the same limit; Yoga's own check would refuse
 * with the generic code BAD_REQUEST, and this one runs first because
 * `onRequestParseDone` hooks run in plugin order and Yoga adds its check after
 * the server's plugins.
 */
export function useBatchSizeLimit(maxOperations: number): Plugin {
  return {
    onRequestParse: () => ({
      onRequestParseDone({ requestParserResult }) {
        if (!Array.isArray(requestParserResult) || requestParserResult.length <= maxOperations) return;
        throw limitError(
          'BATCH_TOO_LARGE',
          `The batch holds ${formatCount(requestParserResult.length)} operations but at most ${formatCount(maxOperations)} are accepted; send the rest in another request.`,
          413,
          { operations: requestParserResult.length, maxBatchSize: maxOperations },
        );
      },
    }),
  };
}
