import { driverConstraintViolation } from '../../db/driver-constraint';
import type { SqlReader } from '../../db/sql-reader';
import type { NewEvent } from '../../events/types';
import type { Attribute, Domain, Resource } from '../../resource';
import { notFound, uniqueConflict, type ActionError } from '../errors';
import { ownedRows } from '../materialize';
import type { RecordState } from '../record';
import type { Decision } from './decide';
import { parameter } from './sql';
import type { ActionStep } from './step';

type Decided = Extract<Decision, { complete: true }>;

/**
 * The unit of work reduced to one statement: a decision that needed no fact
 * (nothing read, so no transaction needed to read it in) and is one plain
 * create (one event, one row, nothing owned, no link, snapshot or invariant).
 * Its event, its stream head and its row go to the database in ONE statement
 * (`WITH event AS (INSERT INTO "Event" ...), head AS (INSERT INTO
 * "StreamHead" ...) INSERT INTO "<Model>" ...`), atomic on its own; its
 * belongsTo keys are checked by that statement's foreign keys (the decision
 * was made with `keysCheckedByDatabase`; a violation is NOT_FOUND at the key).
 */
export function reducesToOneStatement(decision: Decided): boolean {
  const { events, changes, links, snapshots, invariants, failed } = decision;
  if (failed || events.length !== 1 || changes.length !== 1 || links.length > 0 || snapshots.length > 0 || invariants.length > 0) return false;
  const { before, after, resource, recordId } = changes[0]!;
  return before === null && after !== null && [...ownedRows(resource, recordId, after).values()].every((rows) => rows.length === 0);
}

/**
 * Whether a decision over `roots` may reduce to one statement: a single
 * create whose managed arguments hold no entry. A cheap test on the input,
 * so that a nested mutation is not decided once more only to find it does not.
 */
export function mayReduceToOneStatement(domain: Domain, roots: readonly ActionStep[]): boolean {
  if (roots.length !== 1) return false;
  const root = roots[0]!;
  const action = domain.resource(root.resource).actionByName.get(root.action);
  if (action?.type !== 'create') return false;
  return action.arguments.every((arg) => {
    const value = root.input[arg.name];
    return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
  });
}

/** Writes a decision that reduces to one statement (see reducesToOneStatement): the errors the database gives, or none. */
export async function writeInOneStatement(sql: SqlReader, decision: Decided): Promise<ActionError[]> {
  const { resource, after } = decision.changes[0]!;
  const { text, values } = insertStatement(resource, decision.events[0]!, after!);
  try {
    await sql.query(text, values);
    return [];
  } catch (error) {
    const violation = driverConstraintViolation(error);
    if (!violation) throw error;
    return violationErrors(resource, violation.kind, violation.columns, after!);
  }
}

/** The event insert, its stream head's insert and the row insert, as one statement (a taken id breaks the head's primary key: CONFLICT). */
function insertStatement(resource: Resource, event: NewEvent, state: RecordState): { text: string; values: unknown[] } {
  const values: unknown[] = [
    event.id, event.resource, event.recordId, event.version, event.action, JSON.stringify(event.payload), event.payloadVersion,
    event.actor, event.correlationId, event.causationId, event.occurredAt, event.hash,
  ];
  const columns: string[] = [];
  const placeholders: string[] = [];
  for (const attribute of resource.attributes) {
    columns.push(`"${attribute.name}"`);
    values.push(parameter(state[attribute.name], attribute));
    placeholders.push(`$${values.length}${CASTS[attribute.type]}`);
  }
  return {
    text: `WITH event AS (
      INSERT INTO "Event" (id, resource, "recordId", version, action, payload, "payloadVersion", actor, "correlationId", "causationId", "occurredAt", hash)
      VALUES ($1::uuid, $2::text, $3::uuid, $4::int4, $5::text, $6::text::jsonb, $7::int4, $8::text, $9::text, $10::uuid, $11::timestamptz, $12::text)
    ),
    head AS (INSERT INTO "StreamHead" (resource, "recordId", version, hash) VALUES ($2::text, $3::uuid, $4::int4, $12::text))
    INSERT INTO "${resource.model}" (${columns.join(', ')}) VALUES (${placeholders.join(', ')})`,
    values,
  };
}

/** Casts that make both drivers send each value as PostgreSQL expects it (enums are inferred from the column). */
const CASTS: Record<Attribute['type'], string> = {
  string: '::text', int: '::int4', boolean: '::boolean', enum: '', datetime: '::timestamptz', uuid: '::uuid', json: '::text::jsonb',
};

/** A foreign key that found no parent is NOT_FOUND at its key; a unique clash is CONFLICT on its fields. */
function violationErrors(resource: Resource, kind: 'foreignKey' | 'unique', columns: readonly string[], state: RecordState): ActionError[] {
  if (kind === 'unique') return [uniqueConflict(resource.name, columns)];
  const keys = resource.relationships.flatMap((rel) =>
    rel.kind === 'belongsTo' && typeof state[rel.sourceAttribute] === 'string' ? [{ rel, id: state[rel.sourceAttribute] as string }] : []);
  const missing = keys.filter((k) => columns.includes(k.rel.sourceAttribute));
  return (missing.length > 0 ? missing : keys).map((k) => notFound(k.rel.destination, k.id, [k.rel.sourceAttribute]));
}
