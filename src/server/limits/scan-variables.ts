import type { GraphQLError } from 'graphql';
import { formatCount, limitError } from './limit-error';
import { unstorableText } from './scan-document';

interface Step {
  readonly value: unknown;
  readonly key: string;
  readonly parent: Step | undefined;
  /** 1 for the variable's own value. */
  readonly level: number;
}

/**
 * One pass over the variables of a request, before anything uses them:
 * refuses a value whose objects and lists nest deeper than `maxNesting`
 * (graphql-js coerces variables by recursion, so a value nested some
 * thousands of levels would overflow the stack) and strings the database
 * cannot store (U+0000, unpaired surrogates),
 * each with INVALID_INPUT and the `inputPath` where it was found. The walk
 * keeps its own stack, so any nesting JSON.parse accepted is safe here.
 */
export function scanVariables(variables: unknown, maxNesting: number): GraphQLError | undefined {
  if (variables === null || typeof variables !== 'object') return undefined;
  const stack: Step[] = Object.entries(variables).map(([key, value]) => ({ value, key, parent: undefined, level: 1 }));
  while (stack.length > 0) {
    const step = stack.pop()!;
    const { value } = step;
    if (typeof value === 'string') {
      const problem = unstorableText(value);
      if (problem) return limitError('INVALID_INPUT', problem, 400, { inputPath: pathOf(step) });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (step.level > maxNesting) {
      const name = pathOf(step)[0]!;
      return limitError(
        'INVALID_INPUT',
        `Variable "$${name}" nests objects and lists more than ${formatCount(maxNesting)} levels deep, the most accepted.`,
        400,
        { inputPath: [name], maxNesting },
      );
    }
    for (const [key, inner] of Object.entries(value)) stack.push({ value: inner, key, parent: step, level: step.level + 1 });
  }
  return undefined;
}

/** ["input", "comments", "0", "body"]: list indexes as decimal strings, as elsewhere. */
function pathOf(step: Step): string[] {
  const path: string[] = [];
  for (let s: Step | undefined = step; s; s = s.parent) path.unshift(s.key);
  return path;
}
