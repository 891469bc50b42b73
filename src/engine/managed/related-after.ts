import type { KeyedRelationship } from '../../resource';
import type { RecordState } from '../record';
import type { ManagedPlan, ManagedState, RelatedRecord } from './plan-managed';

/**
 * The records related to the parent once a plan's steps have run (pure), so
 * that the next managed argument on the same relationship is planned against
 * them, as Ash applies an action's arguments one after the other:
 * `addMembers: [C], removeMembers: [C]` adds C, then removes it.
 *
 * Records keep the values the steps give them (a created record is its input
 * with its id; an update merges its input), which is what planning compares:
 * ids, lookup keys, fields and join attributes. `state.found` supplies the
 * destination records a step relates.
 */
export function relatedAfter(rel: KeyedRelationship, parentId: string, state: ManagedState, plan: ManagedPlan): RelatedRecord[] {
  const records = new Map<string, RecordState>();
  for (const record of state.found.values()) records.set(record.id, record);
  for (const { record } of state.current) records.set(record.id, record);
  // In order, by link id (manyToMany) or record id: a write replaces in place, a removal and a new one go to the end.
  const keyOf = (r: RelatedRecord) => r.link?.id ?? r.record.id;
  const related = new Map(state.current.map((r) => [keyOf(r), r]));
  const through = rel.kind === 'manyToMany';
  /** The entries of a destination record (one, or its links' for a manyToMany). */
  const entriesOf = (id: string): string[] => (through ? [...related].filter(([, r]) => r.record.id === id).map(([key]) => key) : related.has(id) ? [id] : []);
  const merge = (id: string, input: Readonly<Record<string, unknown>>): RecordState => {
    const record = { ...(records.get(id) ?? { id }), ...input, id } as RecordState;
    records.set(id, record);
    for (const key of entriesOf(id)) related.set(key, { ...related.get(key)!, record });
    return record;
  };

  for (const step of [...plan.before, ...plan.after]) {
    if (through && step.resource === rel.through) {
      if (step.op === 'create') {
        const destinationId = step.input[rel.destinationAttributeOnJoinResource] as string;
        related.set(step.id, { record: records.get(destinationId) ?? ({ id: destinationId } as RecordState), link: { ...step.input, id: step.id } as RecordState });
      } else if (step.op === 'update') {
        const entry = related.get(step.id);
        if (entry) related.set(step.id, { ...entry, link: { ...entry.link!, ...step.input } });
      } else {
        related.delete(step.id);
      }
      continue;
    }
    if (step.op === 'destroy') {
      for (const key of entriesOf(step.id)) related.delete(key);
      continue;
    }
    const record = merge(step.id, step.input);
    // hasMany / hasOne: the destination's key says whether it is related (a create or relate sets it, an unrelate clears it).
    if ((rel.kind === 'hasMany' || rel.kind === 'hasOne') && rel.destinationAttribute in step.input) {
      related.delete(step.id);
      if (step.input[rel.destinationAttribute] === parentId) related.set(step.id, { record });
    }
  }

  // belongsTo: the parent's key names the related record.
  if (rel.kind === 'belongsTo' && rel.sourceAttribute in plan.parentInput) {
    const key = plan.parentInput[rel.sourceAttribute] as string | null;
    return key === null ? [] : [{ record: records.get(key) ?? ({ id: key } as RecordState) }];
  }
  return [...related.values()];
}
