import { modelDelegate, type Client } from '../db/delegate';
import { Prisma } from '../generated/prisma/client';
import type { Resource } from '../resource';
import type { RecordChange } from './plan';
import type { RecordState } from './record';

/**
 * Writes a record's new state into its table: insert when it is new, update
 * when it changed, delete when it ended. Runs inside the append transaction.
 */
export async function materialize(tx: Client, change: RecordChange): Promise<void> {
  const delegate = modelDelegate(tx, change.resource.model);
  const { before, after, recordId } = change;
  if (after === null) {
    if (before !== null) await delegate.delete({ where: { id: recordId } });
    return;
  }
  const data = toRow(change.resource, after);
  if (before === null) await delegate.create({ data });
  else await delegate.update({ where: { id: recordId }, data });
}

/** The table row for a state: every attribute column, with JSON nulls written as SQL NULL. */
export function toRow(resource: Resource, state: RecordState): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const attribute of resource.attributes) {
    const value = state[attribute.name];
    row[attribute.name] = attribute.type === 'json' && value === null ? Prisma.DbNull : value ?? null;
  }
  return row;
}
