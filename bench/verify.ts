/**
 * Before anything is measured: both servers must return identical JSON for a query,
 * with no errors. Throws (failing the run) otherwise. Also counts the statements of
 * that single request on each server, an exact figure to set next to the load average.
 */
import { isDeepStrictEqual } from 'node:util';
import { requestBody, type BenchQuery } from './queries';
import type { Target } from './target';

export interface Verified {
  /** The exact response body of each server (the load run expects it on every response). */
  readonly bodies: ReadonlyMap<Target['name'], string>;
  /** SQL statements one request sent, per server. */
  readonly statements: ReadonlyMap<Target['name'], number>;
  /** Array lengths by field name over the whole response, e.g. { items: 1000 }: what the query returned. */
  readonly shape: Record<string, number>;
}

export async function verifyIdentical(q: BenchQuery, targets: readonly Target[]): Promise<Verified> {
  const bodies = new Map<Target['name'], string>();
  const statements = new Map<Target['name'], number>();
  const parsed: unknown[] = [];
  for (const target of targets) {
    target.statements.reset();
    const response = await fetch(target.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: requestBody(q),
    });
    const text = await response.text();
    await target.server.idle();
    statements.set(target.name, target.statements.count);
    const json = JSON.parse(text) as { data?: unknown; errors?: unknown };
    if (response.status !== 200 || json.errors !== undefined || json.data == null) {
      throw new Error(`${q.name} on ${target.name}: HTTP ${response.status}, ${text.slice(0, 500)}`);
    }
    bodies.set(target.name, text);
    parsed.push(json);
  }
  const [first, ...others] = parsed;
  for (const [i, other] of others.entries()) {
    if (!isDeepStrictEqual(first, other)) {
      const where = firstDifference(first, other, []) ?? '(top level)';
      throw new Error(`${q.name}: ${targets[0]!.name} and ${targets[i + 1]!.name} return different JSON, first at ${where}.`);
    }
  }
  return { bodies, statements, shape: arrayLengths(first) };
}

/** The path of the first place where `a` and `b` differ, or undefined when they are equal. */
function firstDifference(a: unknown, b: unknown, path: string[]): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [...path, key]);
      if (found) return found;
    }
  }
  return `${path.join('.')}: ${JSON.stringify(a)?.slice(0, 120)} vs ${JSON.stringify(b)?.slice(0, 120)}`;
}

function arrayLengths(value: unknown, into: Record<string, number> = {}, key = ''): Record<string, number> {
  if (Array.isArray(value)) {
    into[key] = (into[key] ?? 0) + value.length;
    for (const element of value) arrayLengths(element, into, key);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) arrayLengths(v, into, k);
  }
  return into;
}
