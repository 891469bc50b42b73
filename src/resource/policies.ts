import type { StateView } from './actions';

/**
 * Who is acting: the id the server's `authenticate` found (in the reference
 * app, a Member id), or null for an anonymous request.
 */
export type Actor = string | null;

/**
 * A condition on the rows of one resource in the engine's where language (the
 * subset of Prisma's `where` that `whereSql` compiles: attribute operators,
 * `AND` / `OR` / `NOT`, `is` on to-one relationships and `some` / `every` /
 * `none` on hasMany ones; e.g. `{ memberships: { some: { memberId: { equals: actor } } } }`).
 */
export type PolicyWhere = Readonly<Record<string, unknown>>;

/** What an action policy decides on. */
export interface ActionPolicyContext {
  readonly actor: Actor;
  /** The action's name (e.g. `update`). */
  readonly action: string;
  /** The client's input to this action (attributes and managed arguments). */
  readonly input: Readonly<Record<string, unknown>>;
  /** The record as it is now (its folded state); null for a create. */
  readonly record: StateView | null;
  /**
   * What the client's input changes (Ash `changing_attributes` /
   * `changing_relationships`): the attributes it sets to a value different
   * from the record's (for a create, every attribute given; for a custom
   * action, every input field given) and the managed arguments it gives
   * (present in the input, even as null or []). Keys the framework sets (a
   * nested child's key, `relateActor`) are not in it.
   */
  readonly changing: ReadonlySet<string>;
  /**
   * Set when the action runs as a step of a managed relationship argument of
   * another resource's action (Ash's `accessing_from`), or as a cascade of
   * destroying another record (`cascade: true`, see OnDestroy): that resource
   * and relationship. The parent action's own policy has already allowed it.
   */
  readonly via: Via | null;
}

/** The resource and relationship of the managed argument (or the onDestroy cascade) a nested action runs for. */
export interface Via {
  readonly resource: string;
  readonly relationship: string;
  /**
   * True when the action is a destroy's onDestroy step (a cascaded destroy or
   * a nullifying update of a record pointing at the destroyed one), which no
   * client input named; its record was found by the framework, so it is not
   * read-checked, but this policy still decides.
   */
  readonly cascade?: boolean;
}

/**
 * Allows or denies one action: `true` / `false`, or a condition the record
 * must meet as it is now in the database (checked inside the write
 * transaction, e.g. "the actor is an ADMIN member of this item"). A condition
 * needs a record, so a create's policy decides with a boolean.
 */
export type ActionPolicy = (context: ActionPolicyContext) => boolean | PolicyWhere;

/**
 * A resource's policies (Ash policies). Declaring them makes the resource
 * deny by default: an action without a policy is FORBIDDEN to every actor.
 * A resource without `policies` allows everything.
 */
export interface PoliciesDefinition {
  /**
   * The rows the actor may read, as a condition: applied in the same SQL
   * statement as every read of the resource (root lists and their totals,
   * by-id reads, relationship loads at any depth, manual relationships'
   * `where`, history, the event log, time travel) and to every record a
   * write relates by key (an unreadable one is NOT_FOUND). Return `{}` to
   * allow every row. Default: every row.
   */
  readonly read?: (actor: Actor) => PolicyWhere;
  /** Policies by action name. */
  readonly actions?: Readonly<Record<string, ActionPolicy>>;
  /**
   * Policies on what an action changes (Ash `changing_attributes`, Hasura
   * column permissions), by action name and then by attribute or managed
   * argument name: when the action is `changing` that field, its policy must
   * also allow (ANDed with the action's policy; a condition is checked on the
   * record's row in the same SELECT). A refusal is FORBIDDEN at that field,
   * e.g. `changes: { update: { members: adminOnly } }`.
   */
  readonly changes?: Readonly<Record<string, Readonly<Record<string, ActionPolicy>>>>;
}
