import type { SqlReader } from '../db/sql-reader';
import { eventHash } from './hash';
import { firstHeadProblem } from './verify-heads';
import type { Payload } from './types';

/**
 * The earliest event (by log position) where the log stops being what was
 * written. For a stream whose head disagrees with it (see verify-heads.ts):
 * the stream's last event, or, when none is left, null position and id and
 * the head's version.
 */
export interface TamperedEvent {
  readonly position: bigint | null;
  readonly id: string | null;
  readonly resource: string;
  readonly recordId: string;
  readonly version: number;
  /** What failed: "hash mismatch", "missing version N", ... */
  readonly reason: string;
}

export type VerifyResult =
  | { readonly ok: true; readonly events: number }
  | { readonly ok: false; readonly events: number; readonly firstBad: TamperedEvent };

export interface VerifyOptions {
  /** Events read per statement (keyset pages on (resource, recordId, version), the unique index). */
  readonly batchSize?: number;
  /** Called after each page with the events checked so far and the log's size when the check began. */
  readonly onProgress?: (checked: number, total: number) => void;
}

interface EventRow {
  position: string;
  id: string;
  resource: string;
  recordId: string;
  version: number;
  action: string;
  payload: Payload;
  payloadVersion: number;
  occurredAt: Date | string;
  hash: string;
}

const COLUMNS = `position::text AS position, id::text AS id, resource, "recordId"::text AS "recordId", version, action, payload,
  "payloadVersion", "occurredAt", hash`;

/**
 * Checks every record stream of the log: versions run 1, 2, 3, ... with no
 * gap, and each event's stored hash equals `eventHash` recomputed over its
 * fields and the recomputed hash of the event before it. Reads the whole log
 * once, stream by stream, in keyset pages (never all of it in memory).
 *
 * A changed payload, action, occurredAt, version, ... or hash shows as a hash
 * mismatch at that event (and at every later event of its stream: only the
 * first is reported); a deleted event shows as a missing version at the event
 * after it. Among all streams, the failure with the smallest log position is
 * returned. Then every stream's head is compared with its last event
 * (`firstHeadProblem`): a stream whose last events (or all of them) were
 * deleted is truncated there, and a stream without a head is reported too;
 * such a problem counts at its stream's last event's position (a chain
 * failure at the same or an earlier position wins; a head with no event left
 * comes after every event). Not detectable: a stream rewritten with
 * recomputed hashes from the tampered event on and its head set to match, a
 * whole stream deleted with its head, and changes to fields the hash does not
 * cover (id, position, actor, correlationId, causationId; see hash.ts).
 */
export async function verifyLog(sql: SqlReader, onProgress?: VerifyOptions['onProgress'], options: Omit<VerifyOptions, 'onProgress'> = {}): Promise<VerifyResult> {
  const batchSize = options.batchSize ?? 5_000;
  const [count] = await sql.query<{ total: string }>('SELECT count(*)::text AS total FROM "Event"', []);
  const total = Number(count?.total ?? 0);
  const checker = new ChainChecker();
  let checked = 0;
  let after: EventRow | undefined;
  for (;;) {
    const rows: EventRow[] = after
      ? await sql.query<EventRow & Record<string, unknown>>(
          `SELECT ${COLUMNS} FROM "Event" WHERE (resource, "recordId", version) > ($1, $2::uuid, $3)
           ORDER BY resource, "recordId", version LIMIT $4`,
          [after.resource, after.recordId, after.version, batchSize],
        )
      : await sql.query<EventRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM "Event" ORDER BY resource, "recordId", version LIMIT $1`, [batchSize]);
    for (const row of rows) checker.check(row);
    checked += rows.length;
    onProgress?.(checked, Math.max(total, checked));
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1];
  }
  const firstBad = earliest(checker.firstBad, await firstHeadProblem(sql));
  return firstBad ? { ok: false, events: checked, firstBad } : { ok: true, events: checked };
}

/** The problem with the smaller log position (null: after every event); on a tie, `a` (the chain's). */
function earliest(a: TamperedEvent | undefined, b: TamperedEvent | undefined): TamperedEvent | undefined {
  if (!a || !b) return a ?? b;
  if (b.position === null) return a;
  if (a.position === null) return b;
  return b.position < a.position ? b : a;
}

/** Walks events in (resource, recordId, version) order, keeping each stream's recomputed chain head. */
class ChainChecker {
  firstBad: TamperedEvent | undefined;
  private stream = '';
  private version = 0;
  private hash = '';
  /** The current stream already failed: its later events are not checked (they would fail too). */
  private failed = false;

  check(row: EventRow): void {
    const stream = `${row.resource}\u0000${row.recordId}`;
    if (stream !== this.stream) {
      this.stream = stream;
      this.version = 0;
      this.hash = '';
      this.failed = false;
    }
    if (this.failed) return;
    if (row.version !== this.version + 1) {
      const missing = this.version + 1 === row.version - 1 ? `version ${this.version + 1}` : `versions ${this.version + 1}-${row.version - 1}`;
      return this.fail(row, this.version === 0 ? `stream starts at version ${row.version}: missing ${missing}` : `missing ${missing}`);
    }
    const expected = eventHash(this.hash, {
      resource: row.resource,
      recordId: row.recordId,
      version: row.version,
      action: row.action,
      payload: row.payload,
      payloadVersion: row.payloadVersion,
      occurredAt: row.occurredAt instanceof Date ? row.occurredAt : new Date(row.occurredAt),
    });
    if (expected !== row.hash) return this.fail(row, 'hash mismatch: a hashed field (payload, action, occurredAt, ...) or the stored hash was changed');
    this.version = row.version;
    this.hash = expected;
  }

  private fail(row: EventRow, reason: string): void {
    this.failed = true;
    const position = BigInt(row.position);
    if (this.firstBad && this.firstBad.position! < position) return;
    this.firstBad = { position, id: row.id, resource: row.resource, recordId: row.recordId, version: row.version, reason };
  }
}
