import type { KeyedRelationship, ManagedArgument, Resource } from '../../resource';
import { actionError, type ActionError } from '../errors';
import type { RecordState } from '../record';
import type { ManagedEntry } from './entries';

/** A write on one record, run as that resource's own action (so it is evented too). */
export type ManagedStep =
  | { readonly op: 'create'; readonly resource: string; readonly id: string; readonly input: Readonly<Record<string, unknown>>; readonly path: readonly string[] }
  | { readonly op: 'update'; readonly resource: string; readonly id: string; readonly input: Readonly<Record<string, unknown>>; readonly path: readonly string[] }
  | { readonly op: 'destroy'; readonly resource: string; readonly id: string; readonly path: readonly string[] };

/** A record currently related to the parent; `link` is its join record (manyToMany). */
export interface RelatedRecord {
  readonly record: RecordState;
  readonly link?: RecordState;
}

export interface ManagedState {
  /** Records related to the parent now (none for a create). */
  readonly current: readonly RelatedRecord[];
  /** Existing destination records named by the entries' lookup keys, by `lookupKey`. */
  readonly found: ReadonlyMap<string, RecordState>;
}

export interface ManagedPlan {
  /** Steps to run before the parent's own write (belongsTo: create the parent record first). */
  readonly before: readonly ManagedStep[];
  /** Values for the parent's own input (belongsTo keys). */
  readonly parentInput: Readonly<Record<string, unknown>>;
  /** Steps to run after the parent's write, in order: leaving records first, then the entries. */
  readonly after: readonly ManagedStep[];
}

export interface PlanManagedInput {
  readonly arg: ManagedArgument;
  readonly rel: KeyedRelationship;
  readonly destination: Resource;
  readonly parentId: string;
  readonly entries: readonly ManagedEntry[];
  readonly state: ManagedState;
  readonly newId: () => string;
}

export const lookupKey = (attribute: string, value: unknown): string => `${attribute}:${JSON.stringify(value)}`;

export type PlanManagedResult =
  | { readonly ok: true; readonly plan: ManagedPlan }
  /** `plan` holds the steps of the entries that planned without error (their own checks still run; nothing is written). */
  | { readonly ok: false; readonly errors: ActionError[]; readonly plan: ManagedPlan };

/**
 * Plans one managed argument (pure): compares its entries with the records
 * related now and applies the argument's instructions (onLookup, onNoMatch,
 * onMatch, onMissing). Relating and unrelating become writes of keys or of
 * join records, so every touched record gets its own event. Every entry is
 * planned: the errors of all of them come back together, with the plan of
 * the others.
 */
export function planManaged(input: PlanManagedInput): PlanManagedResult {
  const { arg, rel, destination, parentId, entries, state } = input;
  const { onLookup, onNoMatch, onMatch, onMissing } = arg.instructions;
  const ops = relationshipOps(rel, parentId, input.newId);
  const errors: ActionError[] = [];
  const plan: { before: ManagedStep[]; parentInput: Record<string, unknown>; leaving: ManagedStep[]; after: ManagedStep[] } = {
    before: [], parentInput: {}, leaving: [], after: [],
  };
  const apply = (part: Partial<typeof plan>) => {
    plan.before.push(...(part.before ?? []));
    Object.assign(plan.parentInput, part.parentInput ?? {});
    plan.after.push(...(part.after ?? []));
  };

  const currentByKey = new Map<string, RelatedRecord>();
  for (const related of state.current) {
    for (const attribute of arg.lookupBy) currentByKey.set(lookupKey(attribute, related.record[attribute]), related);
  }
  const matched = new Set<string>();

  for (const entry of entries) {
    const key = entry.lookup ? lookupKey(entry.lookup.attribute, entry.lookup.value) : undefined;
    const current = key ? currentByKey.get(key) : undefined;
    const found = key ? state.found.get(key) : undefined;
    const keyPath = entry.lookup && !entry.lookup.bare ? [...entry.path, entry.lookup.attribute] : entry.path;
    if (current) {
      matched.add(current.record.id);
      if (onMatch === 'update') apply(ops.update(current, entry));
      else if (onMatch === 'update_join') apply(ops.update(current, { ...entry, fields: {} }));
      else if (onMatch === 'unrelate') apply(ops.unrelate(current, entry.path));
      else if (onMatch === 'destroy') apply(ops.destroy(current, entry.path));
      else if (onMatch === 'error') errors.push(actionError('CONFLICT', `${destination.name} ${describeKey(entry)} is already related through ${arg.relationship}.`, keyPath));
      continue;
    }
    if (found && (onLookup === 'relate' || onLookup === 'relate_and_update')) {
      apply(ops.relate(found, entry, onLookup === 'relate_and_update'));
      continue;
    }
    if (found && onLookup === 'error') {
      errors.push(actionError('NOT_RELATED', `${destination.name} ${describeKey(entry)} exists but is not related through ${arg.relationship}.`, keyPath));
      continue;
    }
    // No match: neither related now nor (by the lookup instruction) found.
    if (onNoMatch === 'create') {
      if (entry.lookup?.attribute === 'id') {
        errors.push(found
          ? actionError('NOT_RELATED', `${destination.name} ${describeKey(entry)} is not related through ${arg.relationship}; leave out the id to create a new one.`, keyPath)
          : actionError('NOT_FOUND', `No ${destination.name} with id ${JSON.stringify(entry.lookup.value)}.`, keyPath));
      } else {
        // An identity that found nothing becomes a field of the new record (a new member with this email).
        apply(ops.create(entry.lookup ? { ...entry, fields: { ...entry.fields, [entry.lookup.attribute]: entry.lookup.value } } : entry));
      }
    } else if (onNoMatch === 'error') {
      if (!entry.lookup) {
        errors.push(actionError('INVALID_INPUT', `${arg.name} needs ${arg.lookupBy.join(' or ')} to find the ${destination.name}.`, entry.path));
      } else if (found) {
        errors.push(actionError('NOT_RELATED', `${destination.name} ${describeKey(entry)} is not related through ${arg.relationship}.`, keyPath));
      } else {
        errors.push(actionError('NOT_FOUND', `No ${destination.name} with ${entry.lookup.attribute} ${JSON.stringify(entry.lookup.value)}.`, keyPath));
      }
    }
  }

  for (const current of state.current) {
    if (matched.has(current.record.id)) continue;
    if (onMissing === 'unrelate' || onMissing === 'destroy') {
      const part = onMissing === 'unrelate' ? ops.unrelate(current, [arg.name]) : ops.destroy(current, [arg.name]);
      plan.leaving.push(...(part.after ?? []));
      // A key an entry set (belongsTo: the new parent) wins over clearing it for the one that leaves.
      Object.assign(plan.parentInput, { ...part.parentInput, ...plan.parentInput });
    } else if (onMissing === 'error') {
      errors.push(actionError('INVALID_INPUT', `${arg.name} leaves out the related ${destination.name} ${current.record.id}; include it, or change onMissing.`, [arg.name]));
    }
  }

  const planned = { before: plan.before, parentInput: plan.parentInput, after: [...plan.leaving, ...plan.after] };
  return errors.length > 0 ? { ok: false, errors, plan: planned } : { ok: true, plan: planned };
}

const describeKey = (entry: ManagedEntry): string =>
  entry.lookup ? `with ${entry.lookup.attribute} ${JSON.stringify(entry.lookup.value)}` : '';

type Part = { before?: ManagedStep[]; parentInput?: Record<string, unknown>; after?: ManagedStep[] };

interface RelationshipOps {
  create(entry: ManagedEntry): Part;
  relate(record: RecordState, entry: ManagedEntry, andUpdate: boolean): Part;
  update(related: RelatedRecord, entry: ManagedEntry): Part;
  unrelate(related: RelatedRecord, path: readonly string[]): Part;
  destroy(related: RelatedRecord, path: readonly string[]): Part;
}

/** How each operation is written for one relationship kind. */
function relationshipOps(rel: KeyedRelationship, parentId: string, newId: () => string): RelationshipOps {
  const dest = rel.destination;
  const updateFields = (record: RecordState, entry: ManagedEntry): ManagedStep[] => {
    const input = changedFields(record, entry.fields);
    return Object.keys(input).length > 0 ? [{ op: 'update', resource: dest, id: record.id, input, path: entry.path }] : [];
  };

  switch (rel.kind) {
    case 'belongsTo':
      return {
        create: (entry) => {
          const id = newId();
          return { before: [{ op: 'create', resource: dest, id, input: entry.fields, path: entry.path }], parentInput: { [rel.sourceAttribute]: id } };
        },
        relate: (record, entry, andUpdate) => ({ parentInput: { [rel.sourceAttribute]: record.id }, after: andUpdate ? updateFields(record, entry) : [] }),
        update: (related, entry) => ({ after: updateFields(related.record, entry) }),
        unrelate: () => ({ parentInput: { [rel.sourceAttribute]: null } }),
        destroy: (related, path) => ({ parentInput: { [rel.sourceAttribute]: null }, after: [{ op: 'destroy', resource: dest, id: related.record.id, path }] }),
      };
    case 'hasOne':
    case 'hasMany': {
      const key = rel.destinationAttribute;
      return {
        create: (entry) => ({ after: [{ op: 'create', resource: dest, id: newId(), input: { ...entry.fields, [key]: parentId }, path: entry.path }] }),
        relate: (record, entry, andUpdate) => ({
          after: [{ op: 'update', resource: dest, id: record.id, input: { ...(andUpdate ? changedFields(record, entry.fields) : {}), [key]: parentId }, path: entry.path }],
        }),
        update: (related, entry) => ({ after: updateFields(related.record, entry) }),
        unrelate: (related, path) => ({ after: [{ op: 'update', resource: dest, id: related.record.id, input: { [key]: null }, path }] }),
        destroy: (related, path) => ({ after: [{ op: 'destroy', resource: dest, id: related.record.id, path }] }),
      };
    }
    case 'manyToMany': {
      const link = (destinationId: string, entry: ManagedEntry): ManagedStep => ({
        op: 'create', resource: rel.through, id: newId(), path: entry.path,
        input: { ...entry.joinFields, [rel.sourceAttributeOnJoinResource]: parentId, [rel.destinationAttributeOnJoinResource]: destinationId },
      });
      const unlink = (related: RelatedRecord, path: readonly string[]): ManagedStep => ({ op: 'destroy', resource: rel.through, id: related.link!.id, path });
      return {
        create: (entry) => {
          const id = newId();
          return { after: [{ op: 'create', resource: dest, id, input: entry.fields, path: entry.path }, link(id, entry)] };
        },
        // As in Ash, relating through a join resource creates the join record with the entry's remaining input (its join
        // attributes); relate_and_update never writes the destination record (its fields only serve a create).
        relate: (record, entry) => ({ after: [link(record.id, entry)] }),
        update: (related, entry) => {
          const joinInput = changedFields(related.link!, entry.joinFields);
          return {
            after: [
              ...updateFields(related.record, entry),
              ...(Object.keys(joinInput).length > 0 ? [{ op: 'update' as const, resource: rel.through, id: related.link!.id, input: joinInput, path: entry.path }] : []),
            ],
          };
        },
        unrelate: (related, path) => ({ after: [unlink(related, path)] }),
        destroy: (related, path) => ({ after: [unlink(related, path), { op: 'destroy', resource: dest, id: related.record.id, path }] }),
      };
    }
  }
}

/**
 * The fields whose value differs from the record's (an update that changes
 * nothing is not written). Only plain values compare equal; anything else
 * (dates given as strings, nested managed arguments) is always kept.
 */
function changedFields(record: RecordState, fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const plain = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  return Object.fromEntries(Object.entries(fields).filter(([key, value]) => !(key in record && plain(value) && record[key] === value)));
}
