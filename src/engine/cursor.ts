import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { CursorValue } from './key-values';
import { InvalidQueryInput } from './query-errors';

/**
 * Format version, the first byte. Version 1 was the unsigned `c1:<id>` text;
 * its cursors are refused like any other foreign string.
 */
const VERSION = 2;
const MAC_BYTES = 32;

/** Where a cursor points: the fingerprint of the list's sort and the key values of one row. */
export interface CursorPosition {
  readonly sort: string;
  readonly values: readonly CursorValue[];
}

/**
 * An opaque, tamper-evident cursor: base64url of
 *   version (1 byte) | payload (JSON `[sort, values]`) | HMAC-SHA256(secret, version | payload)
 * The values are readable by whoever holds the cursor (they are the sort key
 * values of a row the client was shown); the signature only makes them
 * impossible to alter or forge.
 */
export function encodeCursor(secret: KeyObject, position: CursorPosition): string {
  const head = Buffer.concat([Buffer.of(VERSION), Buffer.from(JSON.stringify([position.sort, position.values]), 'utf8')]);
  return Buffer.concat([head, sign(secret, head)]).toString('base64url');
}

/**
 * The position in `cursor`, which must be signed with `secret` and issued for
 * the sort fingerprint `sort`. Anything else (malformed, truncated, altered,
 * signed with another secret, from another list or sort) is an
 * InvalidQueryInput at [argument].
 */
export function decodeCursor(secret: KeyObject, cursor: string, sort: string, argument: string): CursorPosition {
  const bytes = Buffer.from(cursor, 'base64url');
  // Node skips characters outside the alphabet and ignores the unused low bits
  // of the last one; re-encoding makes every changed character count.
  if (bytes.toString('base64url') !== cursor || bytes.length <= 1 + MAC_BYTES || bytes[0] !== VERSION) {
    throw invalidCursor(argument);
  }
  const head = bytes.subarray(0, bytes.length - MAC_BYTES);
  if (!timingSafeEqual(bytes.subarray(bytes.length - MAC_BYTES), sign(secret, head))) throw invalidCursor(argument);

  const position = parsePayload(head.subarray(1).toString('utf8'));
  if (!position) throw invalidCursor(argument);
  if (position.sort !== sort) {
    throw new InvalidQueryInput(
      `Invalid cursor for "${argument}": it belongs to another list or another sort order; pass it back to the same list with the same \`sort\`.`,
      [argument],
    );
  }
  return position;
}

/** The error for a cursor this API did not issue (or that was altered since). */
export const invalidCursor = (argument: string) =>
  new InvalidQueryInput(`Invalid cursor for "${argument}": use a cursor returned by this API (edges.cursor or pageInfo).`, [argument]);

const sign = (secret: KeyObject, data: Buffer): Buffer => createHmac('sha256', secret).update(data).digest();

/** Checked even though signed: a payload written by an older version must not crash the reader. */
function parsePayload(text: string): CursorPosition | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
  const [sort, values] = parsed as unknown[];
  if (typeof sort !== 'string' || !Array.isArray(values) || !values.every(isCursorValue)) return undefined;
  return { sort, values };
}

const isCursorValue = (value: unknown): value is CursorValue =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

/** Format version of a sealed cursor, its first byte. */
const SEALED_VERSION = 3;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The AES-256 key of sealed cursors, derived from the signing secret (a key is never used for two purposes). */
const sealingKey = (secret: KeyObject): Buffer => createHmac('sha256', secret).update('sealed-cursor').digest();

/**
 * An opaque cursor whose content the client can neither read nor alter:
 * base64url of version (1 byte) | IV | AES-256-GCM(text) | tag, with a key
 * derived from the cursor secret. For positions that reveal server internals
 * (the events log's transaction ids).
 */
export function sealCursor(secret: KeyObject, text: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(secret), iv);
  cipher.setAAD(Buffer.of(SEALED_VERSION));
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(SEALED_VERSION), iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** The text of a cursor made by sealCursor with `secret`; anything else is an InvalidQueryInput at [argument] (see invalidCursor). */
export function openSealedCursor(secret: KeyObject, cursor: string, argument: string): string {
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.toString('base64url') !== cursor || bytes.length <= 1 + IV_BYTES + TAG_BYTES || bytes[0] !== SEALED_VERSION) throw invalidCursor(argument);
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(secret), bytes.subarray(1, 1 + IV_BYTES));
  decipher.setAAD(Buffer.of(SEALED_VERSION));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw invalidCursor(argument);
  }
}
