import { createServer as createHttpServer } from 'node:http';
import { createApp } from './app/create-app';
import { seedDemoData } from './app/seed';
import { openDatabase } from './db/client';
import { databaseConfigFromEnv, describeDatabase } from './db/config';
import { applyMigrations } from './db/migrate';

/**
 * `npm start`: open the database (PGlite in DATA_DIR, or DATABASE_URL), apply
 * migrations, seed demo data when the event log is empty (unless SEED=0), and
 * serve GraphQL + GraphiQL at /graphql on PORT.
 */
async function main(): Promise<void> {
  const config = databaseConfigFromEnv();
  const db = await openDatabase(config);
  const applied = await applyMigrations(db);
  if (applied.length > 0) console.info(`Applied migrations: ${applied.join(', ')}`);

  const { domain, server } = createApp(db);
  if (process.env.SEED !== '0' && (await db.prisma.event.count()) === 0) {
    const ctx = { prisma: db.prisma, sql: db.sql, domain, metadata: { actor: null, correlationId: 'seed' } };
    // Progress redraws one line, so only on a terminal; logs get the summary line.
    const progress = process.stdout.isTTY
      ? (done: number, total: number) => process.stdout.write(`\rSeeding demo data ${done}/${total}`)
      : undefined;
    const count = await seedDemoData(ctx, progress);
    process.stdout.write(`${progress ? '\r' : ''}Seeded demo data (${count} events).\n`);
  }

  const port = Number(process.env.PORT ?? 4000);
  const http = createHttpServer(server);
  http.listen(port, () => {
    const address = http.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    console.info(`GraphiQL: http://localhost:${actualPort}/graphql  (database: ${describeDatabase(config)})`);
  });

  const shutdown = () => {
    http.close();
    db.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
