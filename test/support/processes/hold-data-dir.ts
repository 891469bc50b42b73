/**
 * A process that opens the embedded database in the folder given as its
 * argument (as `npm start` does) and holds it until its stdin closes. Prints
 * `open` once it holds it, or the refusal's message and exits with 1. With a
 * second argument `write`, it first commits a row to table `kept`.
 */
import { openDatabase } from '../../../src/db/client';

const dataDir = process.argv[2]!;
openDatabase({ kind: 'pglite', dataDir }).then(
  async (db) => {
    if (process.argv[3] === 'write') {
      await db.sql.query('CREATE TABLE kept (v int)', []);
      await db.sql.query('INSERT INTO kept VALUES (1)', []);
    }
    process.stdout.write('open\n');
    process.stdin.resume();
    process.stdin.on('end', () => void db.close().then(() => process.exit(0)));
  },
  (error: unknown) => {
    process.stdout.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
