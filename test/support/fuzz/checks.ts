import type { GraphQLResponse } from '../app';

/** Text that must never reach a client: driver, SQL, JavaScript and stack details. */
const LEAK = /prisma|\bsql\b|syntax error at|invalid input syntax|violates|duplicate key|relation "|column "|invalid byte sequence|\bat \S+ \(|\.ts:\d+|node_modules|TypeError|ReferenceError|RangeError|Cannot read prop|is not a function|undefined is not|null value in|Unexpected error\./i;

/**
 * What is wrong with a response, as short sentences (empty: nothing): an
 * HTTP 5xx; a request-level error without a string `extensions.code`, or
 * with INTERNAL_SERVER_ERROR, or with internal text in its message; the same
 * for every mutation payload error (`{ code, message }` objects in `data`).
 */
export function responseProblems(response: GraphQLResponse): string[] {
  const problems: string[] = [];
  if (response.status >= 500) problems.push(`HTTP ${response.status}`);
  for (const error of response.body.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string') problems.push(`error without extensions.code: ${error.message}`);
    else problems.push(...codeProblems(code, error.message));
  }
  for (const error of payloadErrors(response.body.data)) problems.push(...codeProblems(error.code, error.message).map((p) => `payload ${p}`));
  return problems;
}

function codeProblems(code: unknown, message: string): string[] {
  if (typeof code !== 'string' || code === '') return [`error without a code: ${message}`];
  if (code === 'INTERNAL_SERVER_ERROR') return [`INTERNAL_SERVER_ERROR: ${message}`];
  if (LEAK.test(message)) return [`${code} with internal text: ${message.slice(0, 300)}`];
  return [];
}

/** Mutation errors anywhere in `data`: objects with `code` and `message`. */
export function payloadErrors(data: unknown): { code: string; message: string }[] {
  if (Array.isArray(data)) return data.flatMap(payloadErrors);
  if (data === null || typeof data !== 'object') return [];
  const record = data as Record<string, unknown>;
  if ('code' in record && 'message' in record) return [{ code: record.code as string, message: String(record.message) }];
  return Object.values(record).flatMap(payloadErrors);
}
