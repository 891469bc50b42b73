/**
 * The main of an in-process benchmark (bench:write, bench:events): run each
 * configured database in turn, print the table on stdout, write the JSON
 * results, exit 1 on any failure.
 */
import { benchConfigFromEnv, type BenchConfig, type DatabaseKind } from './config';
import { note } from './progress';
import { writeResults } from './report';

export function runBench<Row>(
  name: string,
  perDatabase: (kind: DatabaseKind, config: BenchConfig) => Promise<Row[]>,
  formatTable: (rows: readonly Row[]) => string,
  footer = '',
): void {
  const main = async () => {
    const startedAt = new Date().toISOString();
    const config = benchConfigFromEnv();
    const rows: Row[] = [];
    for (const kind of config.databases) rows.push(...(await perDatabase(kind, config)));
    process.stdout.write(`\n${formatTable(rows)}\n${footer}`);
    const { postgresUrl: _url, ...settings } = config;
    note(`Results written to ${await writeResults(name, startedAt, { startedAt, config: settings, rows })}`);
  };
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
