import { Prisma } from '../generated/prisma/client';
import type { Resource } from '../resource';
import type { RecordState } from './record';

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

