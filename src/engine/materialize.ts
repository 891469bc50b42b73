import { modelDelegate, type Client } from '../db/delegate';
import { Prisma } from '../generated/prisma/client';
import type { Resource } from '../resource';
import { stableJson } from '../util/stable-json';
import type { RecordChange } from './plan';
import type { RecordState } from './record';

/**
 * Writes a record's new state into its table: insert when it is new, update
 * when it changed, delete when it ended; and the tables it owns through its
 * prepare-materialization hook. Runs inside the append transaction.
 */
export async function materialize(tx: Client, change: RecordChange): Promise<void> {
  const delegate = modelDelegate(tx, change.resource.model);
  const { before, after, recordId, resource } = change;
  if (after === null) {
    if (before !== null) {
      await syncOwnedTables(tx, resource, recordId, before, null);
      await delegate.delete({ where: { id: recordId } });
    }
    return;
  }
  const data = toRow(resource, after);
  if (before === null) await delegate.create({ data });
  else await delegate.update({ where: { id: recordId }, data });
  await syncOwnedTables(tx, resource, recordId, before, after);
}

/** The table row for a state: every attribute column (virtual fields have none), with JSON nulls written as SQL NULL. */
export function toRow(resource: Resource, state: RecordState): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const attribute of resource.attributes) {
    const value = state[attribute.name];
    row[attribute.name] = attribute.type === 'json' && value === null ? Prisma.DbNull : value ?? null;
  }
  return row;
}

/** The rows of each owned table for a state, with the owner column set (the hook's output). */
export function ownedRows(resource: Resource, recordId: string, state: RecordState | null): Map<string, Record<string, unknown>[]> {
  const result = new Map<string, Record<string, unknown>[]>();
  const materialization = resource.materialization;
  if (!materialization) return result;
  const prepared = state ? materialization.prepare(state) : {};
  for (const [model, ownerColumn] of Object.entries(materialization.tables)) {
    result.set(model, (prepared[model] ?? []).map((row) => ({ ...row, [ownerColumn]: recordId })));
  }
  return result;
}

/** Replaces the record's rows in each owned table whose rows changed. */
async function syncOwnedTables(tx: Client, resource: Resource, recordId: string, before: RecordState | null, after: RecordState | null): Promise<void> {
  if (!resource.materialization) return;
  const old = ownedRows(resource, recordId, before);
  for (const [model, rows] of ownedRows(resource, recordId, after)) {
    if (before && stableJson(old.get(model)) === stableJson(rows)) continue;
    const table = ownedTable(tx, model);
    const ownerColumn = resource.materialization.tables[model]!;
    if (before) await table.deleteMany({ where: { [ownerColumn]: recordId } });
    if (rows.length > 0) await table.createMany({ data: rows });
  }
}

interface OwnedTable {
  deleteMany(args: { where: Record<string, unknown> }): Promise<unknown>;
  createMany(args: { data: Record<string, unknown>[] }): Promise<unknown>;
}

const ownedTable = (tx: Client, model: string) => modelDelegate(tx, model) as unknown as OwnedTable;
