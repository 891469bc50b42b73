import type { Client } from '../../db/delegate';
import type { Domain } from '../../resource';
import { groupBy } from '../../util/group-by';
import { actionError, type ActionError } from '../errors';
import { triggeredInvariants } from '../invariants';
import { selectWhere } from '../sql/statements';
import type { InvariantCheck } from './decide';
import { queryRows } from './sql';

/**
 * The invariants a mutation's actions trigger (any of their `when` fields
 * given), checked on the projected rows inside the transaction, before
 * commit: an invariant reads related rows (e.g. "an item with members keeps
 * an ADMIN"), which only the written tables show. One statement per
 * triggered invariant, whatever the number of records. A broken one is
 * INVALID_INPUT at the first `when` field the input gives (`pathOf`: where
 * the action sits in the request).
 */
export async function brokenInvariants(
  tx: Client, domain: Domain, checks: readonly InvariantCheck[], pathOf: (check: InvariantCheck) => readonly string[],
): Promise<ActionError[]> {
  const triggered = checks.flatMap((check) => triggeredInvariants(check.resource, check.given).map((t) => ({ ...t, check })));
  const errors: ActionError[] = [];
  for (const group of groupBy(triggered, (t) => t.invariant).values()) {
    const { resource } = group[0]!.check;
    const where = { AND: [{ id: { in: group.map((t) => t.check.recordId) } }, group[0]!.invariant.holds] };
    const rows = await queryRows(tx, selectWhere(domain, resource, where, [], { columns: ['id'] }));
    const holding = new Set(rows.map((row) => row.id as string));
    for (const { invariant, field, check } of group) {
      if (!holding.has(check.recordId)) errors.push(actionError('INVALID_INPUT', invariant.message, [...pathOf(check), field]));
    }
  }
  return errors;
}
