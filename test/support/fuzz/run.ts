import { createHash } from 'node:crypto';
import type { TestApp } from '../app';
import { randomActor, type Actor } from './actors';
import { payloadErrors, responseProblems } from './checks';
import { randomOperation, type Operation } from './operations';
import type { Pools } from './pools';
import type { Random } from './random';

export interface FuzzFailure {
  readonly index: number;
  readonly actor: Actor;
  readonly operation: Operation;
  readonly status: number;
  readonly errors: unknown;
  readonly problems: readonly string[];
  /** What the server logged as unexpected errors while answering. */
  readonly logged: readonly string[];
}

export interface FuzzStats {
  operations: number;
  byKind: Record<string, number>;
  byActor: Record<string, number>;
  byStatus: Record<string, number>;
  /** Responses with request-level errors, and their codes. */
  withErrors: number;
  errorCodes: Record<string, number>;
  /** Mutation root fields that succeeded (no payload errors), in all and by field, and the payload error codes. */
  mutationsOk: number;
  okByMutation: Record<string, number>;
  payloadCodes: Record<string, number>;
  /** Hash of every query text (string literals masked) and outcome: equal for equal seeds. */
  fingerprint: string;
}

const count = (tally: Record<string, number>, key: string) => void (tally[key] = (tally[key] ?? 0) + 1);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Sends `runs` random operations through GraphQL over HTTP (in-process), each
 * from a random actor, checking every response (see checks.ts) and that the
 * server logged nothing. Learns ids, versions and cursors from the responses
 * (except volatile ones) and forgets records it destroyed.
 */
export async function runFuzz(app: TestApp, rng: Random, pools: Pools, runs: number): Promise<{ stats: FuzzStats; failures: FuzzFailure[] }> {
  const stats: FuzzStats = { operations: 0, byKind: {}, byActor: {}, byStatus: {}, withErrors: 0, errorCodes: {}, mutationsOk: 0, okByMutation: {}, payloadCodes: {}, fingerprint: '' };
  const fingerprint = createHash('sha256');
  const failures: FuzzFailure[] = [];
  for (let index = 0; index < runs; index++) {
    const actor = await randomActor(rng, pools);
    const operation = randomOperation(app.schema, rng, pools);
    const loggedBefore = app.logged.length;
    const response = await app.gql(operation.query, operation.variables, actor.headers);
    app.resetQueries();

    stats.operations += 1;
    count(stats.byKind, operation.kind);
    count(stats.byActor, actor.kind);
    count(stats.byStatus, String(response.status));
    const errors = response.body.errors ?? [];
    if (errors.length > 0) stats.withErrors += 1;
    for (const error of errors) count(stats.errorCodes, String(error.extensions?.code));
    const data = (response.body.data ?? {}) as Record<string, { result?: { __typename: string; id: string } | null; errors?: unknown[] } | null>;
    if (operation.kind === 'mutation') {
      for (const root of operation.roots.filter((r) => data[r.key]?.errors?.length === 0)) {
        stats.mutationsOk += 1;
        count(stats.okByMutation, root.field);
      }
      for (const error of payloadErrors(data)) count(stats.payloadCodes, error.code);
    }
    // String literals (also one a truncated document leaves open) may hold cursors, signed with a per-process key, or learned times: masked.
    fingerprint.update(`${operation.query.replace(/"(?:[^"\\]|\\.)*(?:"|$)/g, '""')}\0${response.status}\0${errors.map((e) => e.extensions?.code).join()}\0${payloadErrors(data).map((e) => e.code).join()}\0`);

    const logged = app.logged.slice(loggedBefore).map(describeLogged);
    const problems = [...responseProblems(response), ...(logged.length > 0 ? ['the server logged an unexpected error'] : [])];
    if (problems.length > 0) failures.push({ index, actor, operation, status: response.status, errors: response.body.errors, problems, logged });

    if (!operation.volatile) pools.learn(response.body.data);
    for (const root of operation.roots) {
      const payload = data[root.key];
      if (root.field.startsWith('destroy') && payload?.result && payload.errors?.length === 0) pools.forget(payload.result.__typename, payload.result.id);
    }
  }
  stats.fingerprint = fingerprint.digest('hex').slice(0, 16);
  return { stats, failures };
}

/** A logged unexpected error (`[fields, message]`, fields holding `err`) as its message and the top of its stack. */
function describeLogged(entry: unknown[]): string {
  const [fields, message] = entry as [{ err?: unknown } | undefined, unknown];
  const error = fields?.err;
  const cause = error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 12).join('\n') : String(error);
  return `${String(message)} ${cause}`;
}

/**
 * Failures grouped by cause: the server's logged error when there is one,
 * else the first problem; ids, quoted names and numbers masked. Each group
 * keeps its first occurrence.
 */
export function groupFailures(failures: readonly FuzzFailure[]): { signature: string; count: number; first: FuzzFailure }[] {
  const groups = new Map<string, { signature: string; count: number; first: FuzzFailure }>();
  for (const failure of failures) {
    const logged = failure.logged[0]?.replace(/^\[error [^\]]*\] unexpected error\s*/, '').split('\n').map((line) => line.trim()).filter(Boolean);
    const cause = logged ? logged.slice(0, 3).join(' ') : failure.problems[0]!;
    const signature = cause.replace(UUID, '<id>').replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N').slice(0, 200);
    const group = groups.get(signature);
    if (group) group.count += 1;
    else groups.set(signature, { signature, count: 1, first: failure });
  }
  return [...groups.values()];
}

/** A failure as text to reproduce it: seed, index, actor, query, variables, response and log. */
export function describeFailure(seed: number, failure: FuzzFailure): string {
  const { index, actor, operation, status, errors, problems, logged } = failure;
  const variables = JSON.stringify(operation.variables, (_k, v: unknown) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 40)}…(${v.length} chars)` : v));
  return [
    `operation #${index} of FUZZ_SEED=${seed} (${actor.kind}${actor.headers.authorization ? `, Authorization: ${actor.headers.authorization.slice(0, 60)}` : ''})`,
    `  problems: ${problems.join(' | ')}`,
    `  query: ${operation.query}`,
    `  variables: ${variables}`,
    `  response: HTTP ${status} ${JSON.stringify(errors ?? null).slice(0, 800)}`,
    ...logged.map((entry) => `  logged: ${entry.replace(/\n/g, '\n    ')}`),
  ].join('\n');
}

/** The failures of a run, grouped by cause, the first `shown` groups in full. */
export function failureReport(seed: number, failures: readonly FuzzFailure[], shown: number): string {
  const groups = groupFailures(failures);
  const full = groups.slice(0, shown).map((g) => `${g.count}x ${g.signature}\n${describeFailure(seed, g.first)}`);
  const rest = groups.slice(shown).map((g) => `${g.count}x ${g.signature}`);
  return [
    `${failures.length} operations failed (FUZZ_SEED=${seed}), ${groups.length} kinds of failure:`,
    ...full,
    ...(rest.length > 0 ? [`...and ${rest.length} more kinds (FUZZ_SHOW=${groups.length} shows them in full):\n${rest.join('\n')}`] : []),
  ].join('\n\n');
}
