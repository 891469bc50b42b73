import { InvalidQueryInput, isUuid } from './query-errors';

const PREFIX = 'c1:';

/**
 * Opaque cursor for keyset pagination: the id of the edge's record, versioned
 * so the format can grow (sort keys) without breaking old clients silently.
 */
export function encodeCursor(id: string): string {
  return Buffer.from(`${PREFIX}${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argument: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : undefined;
  if (!isUuid(id)) {
    throw new InvalidQueryInput(`Invalid cursor for "${argument}": use a cursor returned by this API (edges.cursor or pageInfo).`, [argument]);
  }
  return id;
}
