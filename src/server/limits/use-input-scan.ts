import type { Plugin } from 'graphql-yoga';
import { scanDocument } from './scan-document';
import { scanVariables } from './scan-variables';

/**
 * Scans each operation's query text and variables before they are parsed or
 * coerced (see `scanDocument`, `scanVariables`). Runs on the parameters, once
 * per operation of a batch, so a refusal gets an explicit HTTP status rather
 * than the one Yoga gives parse errors.
 */
export function useInputScan(maxNesting: number): Plugin {
  return {
    onParams({ params }) {
      const problem =
        (typeof params.query === 'string' ? scanDocument(params.query, maxNesting) : undefined) ??
        scanVariables(params.variables, maxNesting);
      if (problem) throw problem;
    },
  };
}
