import { createHash } from 'node:crypto';
import { stableJson } from '../util/stable-json';
import type { NewEvent } from './types';

/** What an event's hash covers (everything that identifies it). */
export type HashedFields = Pick<NewEvent, 'resource' | 'recordId' | 'version' | 'action' | 'payload' | 'payloadVersion' | 'occurredAt'>;

/**
 * The event's link in its record stream's hash chain: SHA-256 (hex) over the
 * previous event's hash ('' for a stream's first event) and the event's
 * fields, with the payload in key-sorted JSON so the database's jsonb key
 * order does not matter. Chains are per record, so writes to different
 * records never wait on a shared head.
 */
export function eventHash(previousHash: string | null, event: HashedFields): string {
  const fields = [event.resource, event.recordId, event.version, event.action, event.payload, event.payloadVersion, event.occurredAt.toISOString()];
  return createHash('sha256').update(previousHash ?? '').update('\n').update(stableJson(fields)).digest('hex');
}
