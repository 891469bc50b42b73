import { createHmac, createSecretKey } from 'node:crypto';
import { decodeCursor, encodeCursor, openSealedCursor, sealCursor } from '../../src/engine/cursor';
import { InvalidQueryInput } from '../../src/engine/query-errors';

const secret = createSecretKey(Buffer.from('test-secret-of-32-bytes-exactly!'));
const position = { sort: 'fingerprint-0001', values: [2, 'b', null, true, '0190a6f0-0000-7000-8000-000000000001'] };
const cursor = encodeCursor(secret, position);
const NOT_ISSUED = 'Invalid cursor for "after": use a cursor returned by this API (edges.cursor or pageInfo).';

/** The error decoding throws, or undefined when it accepts the cursor. */
function rejection(text: string, sort = position.sort, key = secret): InvalidQueryInput | undefined {
  try {
    decodeCursor(key, text, sort, 'after');
    return undefined;
  } catch (error) {
    if (!(error instanceof InvalidQueryInput)) throw error;
    return error;
  }
}

/** A cursor with `payload` signed by `key`, as an attacker holding the key could write it. */
function signed(payload: string, key = secret, version = 2): string {
  const head = Buffer.concat([Buffer.of(version), Buffer.from(payload)]);
  return Buffer.concat([head, createHmac('sha256', key).update(head).digest()]).toString('base64url');
}

describe('signed cursors (pure)', () => {
  it('round-trips the sort fingerprint and key values, as opaque base64url', () => {
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(secret, cursor, position.sort, 'after')).toEqual(position);
  });

  it('rejects every single-character change and every truncation', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < cursor.length; i++) {
      const other = alphabet[(alphabet.indexOf(cursor[i]!) + 1) % alphabet.length]!;
      expect(rejection(cursor.slice(0, i) + other + cursor.slice(i + 1))?.message).toBe(NOT_ISSUED);
      expect(rejection(cursor.slice(0, i))?.message).toBe(NOT_ISSUED);
    }
    expect(rejection(`${cursor}A`)?.message).toBe(NOT_ISSUED);
    expect(rejection(`${cursor.slice(0, 10)}!${cursor.slice(10)}`)?.message).toBe(NOT_ISSUED); // Node would skip the "!"
  });

  it('rejects a cursor signed with another secret', () => {
    expect(rejection(cursor, position.sort, createSecretKey(Buffer.from('another-secret-of-32-bytes-long!')))?.message).toBe(NOT_ISSUED);
  });

  it('rejects a genuine cursor issued for another sort, with its own message', () => {
    expect(rejection(cursor, 'fingerprint-0002')).toEqual(new InvalidQueryInput(
      'Invalid cursor for "after": it belongs to another list or another sort order; pass it back to the same list with the same `sort`.',
      ['after'],
    ));
  });

  it('rejects garbage, the unsigned version-1 format and well-signed payloads of the wrong shape', () => {
    for (const text of ['', 'x', 'not a cursor', 'bm90LWEtY3Vyc29y', Buffer.from('c1:0190a6f0-0000-7000-8000-000000000001').toString('base64url')]) {
      expect(rejection(text)).toEqual(new InvalidQueryInput(NOT_ISSUED, ['after']));
    }
    expect(rejection(signed(JSON.stringify([position.sort, position.values]), secret, 3))?.message).toBe(NOT_ISSUED);
    for (const payload of ['', '{', '{"sort":1}', '["fingerprint-0001"]', '["fingerprint-0001",[{}]]', '[1,[]]', '["fingerprint-0001",[1e999]]']) {
      expect(rejection(signed(payload))?.message).toBe(NOT_ISSUED);
    }
    expect(rejection(signed(JSON.stringify([position.sort, position.values])))).toBeUndefined();
  });
});

describe('sealed cursors (pure)', () => {
  const text = 'log:123456:789';
  const sealed = sealCursor(secret, text);
  const opened = (cursor: string, key = secret): string | InvalidQueryInput => {
    try {
      return openSealedCursor(key, cursor, 'after');
    } catch (error) {
      if (!(error instanceof InvalidQueryInput)) throw error;
      return error;
    }
  };

  it('round-trips, and hides what it holds (nothing of the text is readable in the cursor)', () => {
    expect(opened(sealed)).toBe(text);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    const bytes = Buffer.from(sealed, 'base64url').toString('latin1');
    for (const part of ['log', '123456', '789']) expect(bytes).not.toContain(part);
    expect(sealCursor(secret, text)).not.toBe(sealed); // a fresh IV each time
  });

  it('refuses every single-character change, truncations, another secret and a signed (unsealed) cursor', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < sealed.length; i++) {
      const other = alphabet[(alphabet.indexOf(sealed[i]!) + 1) % alphabet.length]!;
      expect(opened(sealed.slice(0, i) + other + sealed.slice(i + 1))).toMatchObject({ message: NOT_ISSUED });
      expect(opened(sealed.slice(0, i))).toMatchObject({ message: NOT_ISSUED });
    }
    expect(opened(sealed, createSecretKey(Buffer.from('another-secret-of-32-bytes-long!')))).toMatchObject({ message: NOT_ISSUED });
    expect(opened(cursor)).toMatchObject({ message: NOT_ISSUED });
  });
});
