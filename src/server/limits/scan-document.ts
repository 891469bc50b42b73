import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import { formatCount, limitError } from './limit-error';

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/** PostgreSQL text and jsonb cannot hold U+0000; a string carrying one would fail in the database. */
export const NUL_MESSAGE = 'Text cannot contain the NUL character (U+0000): the database cannot store it. Remove it from the string.';

/** Nor can jsonb hold half of a UTF-16 surrogate pair (JSON allows writing one as "\ud800"). */
export const SURROGATE_MESSAGE = 'Text cannot contain an unpaired UTF-16 surrogate (e.g. "\\ud800" alone): it is not a character and the database cannot store it.';

/** In a `u` pattern a surrogate pair is one code point, so this matches only halves standing alone. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Why the database could not store `text`, or undefined when it can. */
export function unstorableText(text: string): string | undefined {
  if (text.includes('\u0000')) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(text)) return SURROGATE_MESSAGE;
  return undefined;
}

/**
 * One pass over the tokens of a query, before it is parsed: refuses brackets
 * (`{`, `[`, `(` together) nested deeper than `maxNesting` with QUERY_TOO_DEEP,
 * since graphql-js parses and validates by recursion and a few thousand
 * levels overflow the stack; and string values the database cannot store
 * (U+0000, unpaired surrogates) with INVALID_INPUT. A syntax error is left to the parser, which reports it.
 */
export function scanDocument(query: string, maxNesting: number): GraphQLError | undefined {
  const source = new Source(query);
  const lexer = new Lexer(source);
  let depth = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (OPENING.has(token.kind)) {
        if (++depth > maxNesting) {
          return limitError(
            'QUERY_TOO_DEEP',
            `The query nests brackets ({ [ and ( together) more than ${formatCount(maxNesting)} levels deep, the most accepted; flatten the selections or input values.`,
            400,
            { maxNesting },
            { source, position: token.start },
          );
        }
      } else if (CLOSING.has(token.kind)) {
        depth--;
      } else if (token.kind === TokenKind.STRING || token.kind === TokenKind.BLOCK_STRING) {
        const problem = unstorableText(token.value);
        if (problem) return limitError('INVALID_INPUT', problem, 400, {}, { source, position: token.start });
      }
    }
  } catch (error) {
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
  return undefined;
}
