import { foreignKeyViolation } from '../db/foreign-key-violation';
import { modelDelegate, type Client } from '../db/delegate';
import { uniqueViolationFields } from '../db/unique-violation';
import type { Resource } from '../resource';
import { actionError, uniqueConflict, type ActionError } from './errors';
import { toRow } from './materialize';
import type { RecordState } from './record';

/** Consecutive new rows of one model, written by one statement. */
interface Run {
  readonly resource: Resource;
  readonly rows: Record<string, unknown>[];
  /** Where each row's entry sits in the mutation's input. */
  readonly paths: (readonly string[])[];
}

/**
 * New rows of plain creates (no nested arguments, no owned rows), held back
 * so that siblings (an item's 1,000 comments, its member links) are written
 * per model in one `createMany` instead of one INSERT each. Whoever reads or
 * writes rows next flushes them first (`flush`): runs in the order they were
 * queued, so a parent queued before its children is written before them.
 */
export class PendingRows {
  private readonly runs: Run[] = [];

  add(resource: Resource, state: RecordState, path: readonly string[]): void {
    const last = this.runs.at(-1);
    const run = last?.resource === resource ? last : { resource, rows: [], paths: [] };
    if (run !== last) this.runs.push(run);
    run.rows.push(toRow(resource, state));
    run.paths.push(path);
  }

  /**
   * Writes every held row. A row the database refuses (a unique key taken, a
   * key whose record went meanwhile) comes back as errors at the entries of
   * its run (the statement cannot tell which row); the transaction can then
   * run nothing more.
   */
  async flush(tx: Client): Promise<ActionError[]> {
    for (const run of this.runs.splice(0)) {
      try {
        await modelDelegate(tx, run.resource.model).createMany({ data: run.rows });
      } catch (error) {
        return refusal(error, run);
      }
    }
    return [];
  }
}

function refusal(error: unknown, run: Run): ActionError[] {
  // One row: its entry, then the field; several: where their entries meet (the statement cannot tell which row).
  const single = run.paths.length === 1;
  const at = single ? [...run.paths[0]!] : commonPrefix(run.paths);
  const fields = uniqueViolationFields(error);
  if (fields) {
    const conflict = uniqueConflict(run.resource.name, fields);
    return [{ ...conflict, path: single ? [...at, ...conflict.path] : at }];
  }
  const foreignKey = foreignKeyViolation(error);
  if (!foreignKey) throw error;
  return [actionError('NOT_FOUND', `A record these ${run.resource.name} entries refer to no longer exists; retry.`, at)];
}

/** The longest path every row's path starts with (the managed argument, for siblings). */
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
