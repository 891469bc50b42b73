import type { SqlReader } from '../../db/sql-reader';

/** The first response to a key's request, as stored. */
export interface StoredResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: string;
}

/** A key as another request left it: its fingerprint, and its response once that request has finished. */
export interface KeyRecord {
  readonly fingerprint: string;
  readonly response: StoredResponse | null;
}

/** Claiming a key: this request is the first (it runs), or the key is taken (what is stored for it). */
export type Claim = { readonly claimed: true } | { readonly claimed: false; readonly existing: KeyRecord | null };

/** How often expired keys are deleted, at most (each instance; the first claim after the interval does it). */
const PURGE_INTERVAL_MS = 60_000;

/**
 * Idempotency keys in the database (table "IdempotencyKey"), so that they
 * hold across instances; the database's clock decides expiry. A key is
 * claimed by one INSERT (an expired one is claimed again by the same
 * statement), its response stored once the request has run, or the key
 * released when that request could not run (so a retry may).
 */
export class IdempotencyKeyStore {
  private lastPurge = 0;

  constructor(private readonly sql: SqlReader, private readonly ttlSeconds: number) {}

  async claim(scope: string, key: string, fingerprint: string): Promise<Claim> {
    await this.purgeNowAndThen();
    const claimed = await this.sql.query(
      `INSERT INTO "IdempotencyKey" (scope, key, fingerprint, "expiresAt") VALUES ($1, $2, $3, now() + $4::int * interval '1 second')
       ON CONFLICT (scope, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, status = NULL, "contentType" = NULL, body = NULL,
         "createdAt" = now(), "expiresAt" = EXCLUDED."expiresAt"
       WHERE "IdempotencyKey"."expiresAt" <= now()
       RETURNING 1 AS claimed`,
      [scope, key, fingerprint, this.ttlSeconds],
    );
    return claimed.length > 0 ? { claimed: true } : { claimed: false, existing: await this.read(scope, key) };
  }

  /** The live key's record; null when there is none (released, or expired). */
  async read(scope: string, key: string): Promise<KeyRecord | null> {
    const [row] = await this.sql.query<{ fingerprint: string; status: number | null; contentType: string | null; body: string | null }>(
      `SELECT fingerprint, status, "contentType", body FROM "IdempotencyKey" WHERE scope = $1 AND key = $2 AND "expiresAt" > now()`,
      [scope, key],
    );
    if (!row) return null;
    const response = row.status === null ? null : { status: row.status, contentType: row.contentType, body: row.body ?? '' };
    return { fingerprint: row.fingerprint, response };
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.sql.query(
      `UPDATE "IdempotencyKey" SET status = $3, "contentType" = $4, body = $5 WHERE scope = $1 AND key = $2`,
      [scope, key, response.status, response.contentType, response.body],
    );
  }

  async release(scope: string, key: string): Promise<void> {
    await this.sql.query(`DELETE FROM "IdempotencyKey" WHERE scope = $1 AND key = $2 AND status IS NULL`, [scope, key]);
  }

  private async purgeNowAndThen(): Promise<void> {
    if (Date.now() - this.lastPurge < PURGE_INTERVAL_MS) return;
    this.lastPurge = Date.now();
    await this.sql.query(`DELETE FROM "IdempotencyKey" WHERE "expiresAt" <= now()`, []);
  }
}
