/**
 * Managed relationships (Ash `manage_relationship`): an action argument bound
 * to a relationship, with a preset type or explicit instructions for each
 * case of the input compared with the current related records.
 *
 * - onLookup: the input names (by primary key or identity) an existing record
 *   that is not related yet.
 * - onNoMatch: the input matches neither a related record nor (on lookup) an
 *   existing one.
 * - onMatch: the input matches a currently related record. `update` runs the
 *   destination's update action (and, for manyToMany, updates the join record's
 *   attributes); `update_join` updates only the join record (manyToMany, e.g. a
 *   member's `role` on an item). Fields equal to the current values are not
 *   written, so an entry that changes nothing appends no event.
 * - onMissing: a currently related record the input does not mention (runs
 *   only when the argument is given; `null` / `[]` mean "none").
 */

export type ManageType = 'create' | 'append' | 'append_and_remove' | 'remove' | 'direct_control';
export type OnLookup = 'ignore' | 'relate' | 'relate_and_update' | 'error';
export type OnNoMatch = 'ignore' | 'create' | 'error';
export type OnMatch = 'ignore' | 'update' | 'update_join' | 'unrelate' | 'destroy' | 'error';
export type OnMissing = 'ignore' | 'unrelate' | 'destroy' | 'error';

export interface ManageInstructions {
  readonly onLookup: OnLookup;
  readonly onNoMatch: OnNoMatch;
  readonly onMatch: OnMatch;
  readonly onMissing: OnMissing;
}

/** The presets (README, "Managed relationships"), exactly as Ash defines them. */
export const MANAGE_PRESETS: Readonly<Record<ManageType, ManageInstructions>> = Object.freeze({
  create: { onLookup: 'ignore', onNoMatch: 'create', onMatch: 'ignore', onMissing: 'ignore' },
  append: { onLookup: 'relate', onNoMatch: 'error', onMatch: 'ignore', onMissing: 'ignore' },
  append_and_remove: { onLookup: 'relate', onNoMatch: 'error', onMatch: 'ignore', onMissing: 'unrelate' },
  remove: { onLookup: 'ignore', onNoMatch: 'error', onMatch: 'unrelate', onMissing: 'ignore' },
  direct_control: { onLookup: 'ignore', onNoMatch: 'create', onMatch: 'update', onMissing: 'destroy' },
});

export interface ManageOptions extends Partial<ManageInstructions> {
  /** A bare scalar (the lookup key) stands for a record: `members: ["id1", "id2"]`. */
  valueIsKey?: boolean;
  /**
   * Keys an input may use to find an existing record: `id` and/or identities
   * of the destination (unique attributes, e.g. `email`). Default `['id']`.
   */
  lookupBy?: readonly string[];
  /** manyToMany: join resource attributes the input may set (e.g. `role`). */
  joinAttributes?: readonly string[];
  description?: string;
}

export interface ManagedArgumentDefinition {
  readonly kind: 'managed';
  readonly relationship: string;
  readonly type: ManageType;
  readonly options: ManageOptions;
}

/** Binds an action argument to `relationship` with a preset, optionally overriding its instructions. */
export const manage = (relationship: string, type: ManageType, options: ManageOptions = {}): ManagedArgumentDefinition =>
  Object.freeze({ kind: 'managed', relationship, type, options: { ...options } });

/** The preset's instructions with the explicit ones applied over them. */
export const resolveInstructions = (type: ManageType, options: Partial<ManageInstructions>): ManageInstructions => ({
  onLookup: options.onLookup ?? MANAGE_PRESETS[type].onLookup,
  onNoMatch: options.onNoMatch ?? MANAGE_PRESETS[type].onNoMatch,
  onMatch: options.onMatch ?? MANAGE_PRESETS[type].onMatch,
  onMissing: options.onMissing ?? MANAGE_PRESETS[type].onMissing,
});
