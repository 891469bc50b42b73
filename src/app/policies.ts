import type { Actor, ActionPolicy, ActionPolicyContext, PolicyWhere } from '../resource';

/**
 * The reference app's rules (DESIGN.md §6), as conditions and checks the
 * resources' `policies` share:
 * - an anonymous request reads public data and may only sign up (createMember);
 * - items of a private workspace, and everything hanging off them, are
 *   readable only by the item's members; a private workspace only by the
 *   members of one of its items;
 * - a signed-in actor may create workspaces, items, comments, milestones and members;
 * - changing an item needs an EDITOR or ADMIN membership of it, destroying it
 *   ADMIN; an item with no members yet is open to every signed-in actor.
 */

/** Rows whose item memberships include the actor's, optionally with one of `roles`. */
const hasMembership = (actor: string, roles?: readonly string[]): PolicyWhere => ({
  memberships: { some: { memberId: { equals: actor }, ...(roles ? { role: { in: [...roles] } } : {}) } },
});

/** An Item the actor may read. */
export const readableItem = (actor: Actor): PolicyWhere => {
  const publicItem = { workspace: { is: { private: { equals: false } } } };
  return actor === null ? publicItem : { OR: [publicItem, hasMembership(actor)] };
};

/** A Workspace the actor may read. */
export const readableWorkspace = (actor: Actor): PolicyWhere =>
  actor === null ? { private: { equals: false } } : { OR: [{ private: { equals: false } }, { items: { some: hasMembership(actor) } }] };

/** An Item the actor may change (`roles`: the memberships that allow it), or one that has no members yet. */
export const itemChangeableBy = (actor: string, roles: readonly string[]): PolicyWhere => ({
  OR: [hasMembership(actor, roles), { memberships: { none: {} } }],
});

export const EDITING_ROLES = ['EDITOR', 'ADMIN'] as const;

/** A Workspace with an item the actor is ADMIN of, or none of whose items has members yet. */
export const itemAdminOrNoMembers = (actor: string): PolicyWhere => ({
  OR: [{ items: { some: hasMembership(actor, ['ADMIN']) } }, { items: { none: { memberships: { some: {} } } } }],
});

/** Any signed-in actor. */
export const signedIn: ActionPolicy = ({ actor }) => actor !== null;

/** A signed-in actor whose record (`record`, checked in the database) meets `condition`. */
export const signedInAnd = (condition: (actor: string, context: ActionPolicyContext) => PolicyWhere): ActionPolicy =>
  (context) => (context.actor === null ? false : condition(context.actor, context));

/** Only as a step of another resource's managed argument (e.g. join records through Item's `members`), whose policy decided. */
export const onlyVia = (resource: string): ActionPolicy => ({ via }) => via?.resource === resource;
