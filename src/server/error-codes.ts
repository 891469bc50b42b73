import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Gives every request-level error a stable `extensions.code`; for variables
 * that do not fit their types also `extensions.inputPath`, the path inside the
 * variable (list indexes as decimal strings), e.g. ["input", "priority"].
 *
 * graphql-js reports variable problems only as text, in a fixed format:
 *   Variable "$input" got invalid value "x" at "input.items[2].priority"; <reason>
 *   Variable "$input" got invalid value {...}; Field "title" of required type "String!" was not provided.
 *   Variable "$id" of required type "ID!" was not provided.   (or: of non-null type "ID!" must not be null.)
 * The parsing below relies on that format and is pinned by tests.
 */
export function useErrorCodes(): Plugin {
  return {
    onExecutionResult({ result, setResult }) {
      if (!result || !('errors' in result) || !result.errors?.length) return;
      setResult({ ...result, errors: result.errors.map(withCode) });
    },
  };
}

function withCode(error: GraphQLError): GraphQLError {
  if (error.extensions?.code) return error;
  const absent = /^Variable "\$(\w+)" of (?:required|non-null) type "[^"]+" (?:was not provided|must not be null)\.$/.exec(error.message);
  if (absent) return coded(error, [absent[1]!]);
  const variable = /^Variable "\$(\w+)" got invalid value .*?(?: at "([^"]+)")?; (.*)$/s.exec(error.message);
  if (!variable) return error;
  const [, name, at, reason] = variable;
  const path = at ? parsePath(at) : [name!];
  const missing = /^Field "(\w+)" of required type .* was not provided\.$/.exec(reason ?? '');
  if (missing) path.push(missing[1]!);
  return coded(error, path);
}

const coded = (error: GraphQLError, inputPath: readonly string[]): GraphQLError =>
  new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code: 'INVALID_INPUT', inputPath } });

/** `input.items[2].priority` -> ["input", "items", "2", "priority"]. */
function parsePath(text: string): string[] {
  return text.split(/\.|\[(\d+)\]/).filter((step): step is string => Boolean(step));
}
