import { randomBytes } from 'node:crypto';
import type { Database } from './client';

/**
 * A secret the server makes once and keeps in the database (table
 * "ServerSecret", by `name`), so that every instance on one database, and
 * every restart, uses the same. Instances starting together may each make
 * one: the first insert wins and every instance reads that one back.
 */
export async function keptServerSecret(db: Pick<Database, 'prisma'>, name: string): Promise<string> {
  const existing = await readServerSecret(db, name);
  if (existing) return existing;
  await db.prisma.serverSecret.createMany({ data: [{ name, value: randomBytes(48).toString('base64url') }], skipDuplicates: true });
  return (await readServerSecret(db, name))!;
}

/** The kept secret `name`, or null when none was made yet. */
export async function readServerSecret(db: Pick<Database, 'prisma'>, name: string): Promise<string | null> {
  return (await db.prisma.serverSecret.findUnique({ where: { name } }))?.value ?? null;
}
