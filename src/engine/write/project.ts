import { foreignKeyViolation } from '../../db/foreign-key-violation';
import type { Client } from '../../db/delegate';
import { ident } from '../../db/sql-params';
import { uniqueViolationFields } from '../../db/unique-violation';
import type { Domain, KeyedRelationship, Resource } from '../../resource';
import { stableJson } from '../../util/stable-json';
import { actionError, notFound, uniqueConflict, type ActionError } from '../errors';
import { ownedRows } from '../materialize';
import type { RecordState } from '../record';
import { selectWhere } from '../sql/statements';
import type { PlannedChange } from './decide';
import { execute, parameter, queryRows, rowParameters, type Connection } from './sql';

type Row = Record<string, unknown>;

/** One row write: a record's row, or the rows a record owns in another table (materialization). */
export interface RowWrite {
  readonly model: string;
  readonly kind: 'insert' | 'update' | 'delete' | 'deleteOwned';
  /** The record written (for owned rows: their owner). */
  readonly id: string;
  readonly rows: readonly Row[];
  /** deleteOwned: the owner column. */
  readonly ownerColumn?: string;
  /** Records the written rows point at (before and after): they order the writes. */
  readonly refs: readonly string[];
  readonly change: PlannedChange;
}

/** Row writes of one model and kind that go to the database in one statement. */
export interface Batch {
  readonly model: string;
  readonly kind: RowWrite['kind'];
  readonly writes: RowWrite[];
  readonly ids: Set<string>;
  readonly refs: Set<string>;
}

/**
 * Materializes a decided mutation's row changes through Prisma's raw query
 * API (inside the unit of work's transaction), batched: each write joins the
 * last batch of its model and kind unless a batch after that one must come
 * first (it holds the same record or one the write points at, or is pointed
 * at by it, or writes the same table differently), so an item with 1,000
 * comments and its member links is three statements, one INSERT per model
 * (an UPDATE or DELETE per model likewise). The decision order is an order
 * in which the rows can be written, and batching never moves a write before
 * one it depends on. A write the database refuses (a unique key taken, a key
 * to a row deleted meanwhile) comes back as errors at its entries (`pathOf`).
 */
export async function project(
  tx: Client, domain: Domain, changes: readonly PlannedChange[], pathOf: (change: PlannedChange) => readonly string[],
): Promise<ActionError[]> {
  for (const batch of batches(changes.flatMap(rowWrites))) {
    try {
      const taken = await write(tx, batch);
      if (taken.length > 0) return takenKeys(tx, domain, batch, taken, pathOf);
    } catch (error) {
      return refusal(error, batch, pathOf);
    }
  }
  return [];
}

/**
 * The entries of an insert batch whose rows were not inserted because a
 * unique key is taken (by an existing row or an earlier row of the batch):
 * CONFLICT at each entry's field, found by looking the skipped rows' unique
 * attributes up (the transaction is still usable: the insert skipped them).
 */
export async function takenKeys(tx: Connection, domain: Domain, batch: Batch, skipped: readonly RowWrite[], pathOf: (change: PlannedChange) => readonly string[]): Promise<ActionError[]> {
  const resource = skipped[0]!.change.resource;
  const errors: ActionError[] = [];
  const unique = resource.attributes.filter((a) => a.unique && a.name !== 'id');
  const clashes = new Map<RowWrite, string[]>();
  for (const attribute of unique) {
    const values = skipped.map((w) => w.rows[0]![attribute.name]).filter((v) => v !== null && v !== undefined);
    if (values.length === 0) continue;
    const rows = await queryRows(tx, selectWhere(domain, resource, { [attribute.name]: { in: values } }, [], { columns: [attribute.name] }));
    const taken = new Set(rows.map((row) => stableJson(row[attribute.name])));
    for (const w of skipped) if (taken.has(stableJson(w.rows[0]![attribute.name]))) clashes.set(w, [...(clashes.get(w) ?? []), attribute.name]);
  }
  for (const w of skipped) {
    const conflict = uniqueConflict(resource.name, clashes.get(w)?.slice(0, 1) ?? []);
    errors.push({ ...conflict, path: [...pathOf(w.change), ...conflict.path] });
  }
  return errors;
}

/** The row writes of one record's change (owned rows after an insert, before a delete; replaced only when they changed). */
export function rowWrites(change: PlannedChange): RowWrite[] {
  const { resource, recordId, before, after } = change;
  const refs = [...new Set([...keysOf(resource, before), ...keysOf(resource, after)])];
  const write = (kind: RowWrite['kind'], rows: Row[], extra: Partial<RowWrite> = {}): RowWrite =>
    ({ model: resource.model, kind, id: recordId, rows, refs, change, ...extra });
  const owned = (state: RecordState | null) => ownedRows(resource, recordId, state);
  const ownedWrites = (kind: 'insert' | 'deleteOwned', state: RecordState | null): RowWrite[] => {
    if (!resource.materialization) return [];
    const old = owned(before);
    return [...owned(state)].flatMap(([model, rows]): RowWrite[] => {
      if (before && after && stableJson(old.get(model)) === stableJson(owned(after).get(model))) return [];
      const ownerColumn = resource.materialization!.tables[model]!;
      if (kind === 'deleteOwned' && (old.get(model) ?? []).length === 0) return [];
      if (kind === 'deleteOwned') return [{ model, kind, id: recordId, rows: [], ownerColumn, refs: [recordId], change }];
      return rows.length > 0 ? [{ model, kind, id: recordId, rows, refs: [recordId], change }] : [];
    });
  };
  if (after === null) return before === null ? [] : [...ownedWrites('deleteOwned', before), write('delete', [])];
  if (before === null) return [write('insert', [after]), ...ownedWrites('insert', after)];
  return [write('update', [after]), ...ownedWrites('deleteOwned', before), ...ownedWrites('insert', after)];
}

/** The records a state points at (its belongsTo keys). */
function keysOf(resource: Resource, state: RecordState | null): string[] {
  if (!state) return [];
  return resource.relationships.flatMap((rel) => {
    const key = rel.kind === 'belongsTo' ? state[rel.sourceAttribute] : undefined;
    return typeof key === 'string' ? [key] : [];
  });
}

export function batches(writes: readonly RowWrite[]): Batch[] {
  const result: Batch[] = [];
  for (const write of writes) {
    let target: Batch | undefined;
    for (let i = result.length - 1; i >= 0; i--) {
      const batch = result[i]!;
      if (batch.model === write.model && batch.kind === write.kind && !batch.ids.has(write.id)) {
        target = batch;
        break;
      }
      if (mustPrecede(batch, write)) break;
    }
    if (!target) {
      target = { model: write.model, kind: write.kind, writes: [], ids: new Set(), refs: new Set() };
      result.push(target);
    }
    target.writes.push(write);
    target.ids.add(write.id);
    for (const ref of write.refs) target.refs.add(ref);
  }
  return result;
}

/** Whether `batch` (decided earlier) must be written before `write`. */
function mustPrecede(batch: Batch, write: RowWrite): boolean {
  if (batch.model === write.model) return true;
  if (batch.ids.has(write.id) || batch.refs.has(write.id)) return true;
  return write.refs.some((ref) => batch.ids.has(ref));
}

/** Most ids one DELETE names (one parameter each; PostgreSQL takes 65,535). */
const DELETES_PER_STATEMENT = 30_000;

/** Gives the placeholder of a value in the statement being built (the column's type is inferred). */
export type Placeholder = (value: unknown) => string;

/** One statement of a batch, built with the placeholders of the statement it goes into. */
export interface BatchStatement {
  readonly sql: (p: Placeholder) => string;
  /** An insert of a record's rows: returns the ids inserted (those a taken unique key skipped are missing). */
  readonly returnsIds: boolean;
}

/**
 * A batch's statements: one per batch (insert, update or delete; a delete of
 * more than 30,000 records in statements of 30,000). A record's rows skip a taken unique key (`ON CONFLICT DO NOTHING`,
 * `skipTaken`) and return the ids inserted, so the skipped entries can be
 * named; without `skipTaken` a taken key fails the statement.
 */
export function batchStatements(batch: Batch, skipTaken: boolean): BatchStatement[] {
  const table = ident(batch.model);
  const resource = batch.writes[0]!.change.resource;
  switch (batch.kind) {
    case 'insert': {
      const owned = resource.model !== batch.model;
      const rows = batch.writes.flatMap((w) => w.rows);
      const columns = owned ? Object.keys(rows[0]!) : resource.attributes.map((a) => a.name);
      const sql = (p: Placeholder) => {
        const tuples = rows.map((row) => `(${(owned ? columns.map((c) => parameter(row[c])) : rowParameters(resource, row)).map(p).join(', ')})`);
        const insert = `INSERT INTO ${table} (${columns.map(ident).join(', ')}) VALUES ${tuples.join(', ')}`;
        return owned ? insert : `${insert}${skipTaken ? ' ON CONFLICT DO NOTHING' : ''} RETURNING id::text AS id`;
      };
      return [{ sql, returnsIds: !owned }];
    }
    case 'update': {
      // Every record of the batch in one statement: the new rows as one JSON array, typed by the table's own row type
      // (jsonb_populate_recordset), so each column gets its type (enums included) without the statement naming it.
      const columns = resource.attributes.filter((a) => a.name !== 'id');
      const rows = batch.writes.map((w) => Object.fromEntries(resource.attributes.map((a) => [a.name, w.rows[0]![a.name] ?? null])));
      return [{
        sql: (p: Placeholder) => `UPDATE ${table} AS t SET ${columns.map((a) => `${ident(a.name)} = v.${ident(a.name)}`).join(', ')} `
          + `FROM jsonb_populate_recordset(NULL::${table}, ${p(JSON.stringify(rows))}::jsonb) AS v WHERE t.id = v.id`,
        returnsIds: false,
      }];
    }
    case 'delete':
    case 'deleteOwned': {
      // A cascade is not bounded by the nested-entry limit: its ids go in statements of at most DELETES_PER_STATEMENT.
      const key = batch.kind === 'delete' ? 'id' : batch.writes[0]!.ownerColumn!;
      const statements: BatchStatement[] = [];
      for (let start = 0; start < batch.writes.length; start += DELETES_PER_STATEMENT) {
        const ids = batch.writes.slice(start, start + DELETES_PER_STATEMENT).map((w) => w.id);
        statements.push({ sql: (p: Placeholder) => `DELETE FROM ${table} WHERE ${ident(key)} IN (${ids.map(p).join(', ')})`, returnsIds: false });
      }
      return statements;
    }
  }
}

/** The writes of an insert batch whose rows are not among those inserted (`inserted`: the ids returned). */
export function skippedWrites(batch: Batch, inserted: readonly { id?: unknown }[]): RowWrite[] {
  if (inserted.length === batch.writes.length) return [];
  const ids = new Set(inserted.map((row) => row.id as string));
  return batch.writes.filter((w) => !ids.has(w.id));
}

/** Writes a batch, a statement at a time; for an insert batch of records, the writes whose row a taken unique key kept out. */
async function write(tx: Client, batch: Batch): Promise<RowWrite[]> {
  for (const statement of batchStatements(batch, true)) {
    const values: unknown[] = [];
    const text = statement.sql((value) => `$${values.push(value)}`);
    if (!statement.returnsIds) await execute(tx, { text, values });
    else return skippedWrites(batch, await queryRows(tx, { text, values }));
  }
  return [];
}

/**
 * A refused batch as errors: with one write, at its entry (and field); with
 * several, where their entries meet (the statement cannot tell which row).
 */
function refusal(error: unknown, batch: Batch, pathOf: (change: PlannedChange) => readonly string[]): ActionError[] {
  const changes = [...new Set(batch.writes.map((w) => w.change))];
  const single = changes.length === 1;
  const at = single ? [...pathOf(changes[0]!)] : commonPrefix(changes.map(pathOf));
  const place = (e: ActionError) => ({ ...e, path: single ? [...at, ...e.path] : at });
  const resource = changes[0]!.resource;
  const fields = uniqueViolationFields(error);
  if (fields) return [place(uniqueConflict(resource.name, fields))];
  const foreignKey = foreignKeyViolation(error);
  if (!foreignKey) throw error;
  if (foreignKey.stillReferenced) {
    const what = single ? `${resource.name} "${changes[0]!.recordId}" is` : `These ${resource.name} records are`;
    return [place(actionError('CONFLICT', `${what} still referenced by a record written meanwhile; retry.`, []))];
  }
  // A race with a concurrent destroy that the facts could not see: the referenced row went (NOT_FOUND at the key).
  const field = foreignKey.fields[0];
  const rel = resource.relationships.find((r) => r.kind === 'belongsTo' && r.sourceAttribute === field) as KeyedRelationship | undefined;
  if (single && rel && field) return [place(notFound(rel.destination, String(changes[0]!.after?.[field] ?? ''), [field]))];
  return [place(actionError('NOT_FOUND', `A record ${single ? 'this' : 'these'} ${resource.name} ${single ? 'entry refers' : 'entries refer'} to no longer exists; retry.`, field && single ? [field] : []))];
}

/** The longest path every path starts with (the managed argument, for siblings). */
function commonPrefix(paths: readonly (readonly string[])[]): string[] {
  const [first = [], ...rest] = paths;
  let length = first.length;
  for (const path of rest) {
    let i = 0;
    while (i < length && path[i] === first[i]) i++;
    length = i;
  }
  return first.slice(0, length);
}
