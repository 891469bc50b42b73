/**
 * What a front-end does with each mutation error code. The switch is
 * exhaustive over the generated `ErrorCode` union: when the API adds a code,
 * `npm run codegen` adds it to the union and this file stops compiling until
 * the new code is handled (`test/codegen/client-types.test.ts` type-checks it).
 */
import type { ErrorCode } from './generated/graphql.js';

/** How the user interface reacts to a failed mutation (nothing was written). */
export type ErrorReaction = 'fix-the-form' | 'reload-and-retry' | 'show-not-allowed' | 'show-gone';

export function reactionTo(code: ErrorCode): ErrorReaction {
  switch (code) {
    case 'INVALID_INPUT':
    case 'CONFLICT':
      return 'fix-the-form';
    case 'STALE_RECORD':
      return 'reload-and-retry';
    case 'FORBIDDEN':
      return 'show-not-allowed';
    case 'NOT_FOUND':
    case 'NOT_RELATED':
      return 'show-gone';
    default: {
      // A code this client does not know yet is a compile error, not a silent fallback.
      const unhandled: never = code;
      return unhandled;
    }
  }
}
