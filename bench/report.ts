/**
 * The results: a table on stdout and a JSON file in bench/results/ (git-ignored:
 * numbers belong to the machine that produced them).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchConfig, DatabaseKind } from './config';
import type { Measurement } from './measure';
import type { Target } from './target';

export interface ResultRow {
  readonly database: DatabaseKind;
  readonly query: string;
  readonly server: Target['name'];
  readonly measurement: Measurement;
  /** Statements one request sent when verified alone (exact). */
  readonly statementsSingleRequest: number;
}

export interface BenchReport {
  readonly startedAt: string;
  /** The settings, without DATABASE_URL (it may hold a password). */
  readonly config: Omit<BenchConfig, 'postgresUrl'>;
  readonly environment: Record<string, string | number>;
  /** Whether the queries included Item.members (see queries.ts). */
  readonly withMembers: boolean;
  readonly seeded: Record<string, number>;
  readonly queries: Record<string, string>;
  readonly rows: readonly ResultRow[];
}

/** ours / baseline requests per second for the same database and query; undefined without a baseline row. */
export function throughputRatio(rows: readonly ResultRow[], row: ResultRow): number | undefined {
  if (row.server !== 'ours') return undefined;
  const baseline = rows.find((r) => r.server === 'baseline' && r.database === row.database && r.query === row.query);
  return baseline ? row.measurement.requestsPerSecond / baseline.measurement.requestsPerSecond : undefined;
}

export function formatTable(rows: readonly ResultRow[]): string {
  const header = ['database', 'query', 'server', 'req/s', 'p50 ms', 'p99 ms', 'stmts/req', 'ours/baseline'];
  const lines = rows.map((row) => {
    const m = row.measurement;
    const ratio = throughputRatio(rows, row);
    return [
      row.database,
      row.query,
      row.server,
      m.requestsPerSecond.toFixed(1),
      m.p50Ms.toFixed(1),
      m.p99Ms.toFixed(1),
      m.statementsPerRequest.toFixed(2),
      ratio === undefined ? '' : `${ratio.toFixed(2)}x`,
    ];
  });
  return formatColumns(header, lines, 3);
}

/** A plain-text table: the first `textColumns` columns left-aligned, the (numeric) rest right-aligned. */
export function formatColumns(header: readonly string[], lines: readonly string[][], textColumns: number): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: readonly string[]) =>
    cells.map((c, i) => (i < textColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
}

/** Writes the report as bench/results/read-<UTC date and time>.json; returns the path. */
export function writeReport(report: BenchReport): Promise<string> {
  return writeResults('read', report.startedAt, { ...report, rows: report.rows.map(withRatio(report.rows)) });
}

/** Writes `data` as bench/results/<name>-<UTC date and time of startedAt>.json; returns the path. */
export async function writeResults(name: string, startedAt: string, data: unknown): Promise<string> {
  const dir = join(__dirname, 'results');
  await mkdir(dir, { recursive: true });
  const stamp = startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const path = join(dir, `${name}-${stamp}.json`);
  await writeFile(path, `${JSON.stringify(data, null, 2)}\n`, 'utf8');
  return path;
}

const withRatio = (rows: readonly ResultRow[]) => (row: ResultRow) => ({ ...row, oursToBaseline: throughputRatio(rows, row) ?? null });
