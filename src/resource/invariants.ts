import type { PolicyWhere } from './policies';

/**
 * A rule the data must keep, whoever writes (services and `authorize: false`
 * included): after an action whose input gives any of the `when` fields, and
 * after all its nested steps, the record must still match `holds`, checked
 * with one count inside the transaction. Otherwise the action is refused
 * with INVALID_INPUT at the first given `when` field and nothing is written.
 *
 * ```ts
 * invariants: [{
 *   when: ['members', 'addMembers', 'removeMembers'],
 *   holds: { OR: [{ memberships: { none: {} } }, { memberships: { some: { role: { equals: 'ADMIN' } } } }] },
 *   message: 'An item with members needs at least one ADMIN.',
 * }]
 * ```
 */
export interface InvariantDefinition {
  /** Attributes, custom action input fields or managed arguments whose presence in an action's input triggers the check. */
  readonly when: readonly string[];
  /** A condition on the record in the engine's where language (see PolicyWhere); the same for every actor. */
  readonly holds: PolicyWhere;
  /** Told to the client when the check fails: what is wrong and how to fix it. */
  readonly message: string;
}
