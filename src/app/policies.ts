import type { Actor, ActionPolicy, ActionPolicyContext, PolicyWhere } from '../resource';

/**
 * The reference app's rules (README, "Authorization"), as conditions and checks the
 * resources' `policies` share:
 * - an anonymous request reads public data and may only sign up (createMember);
 * - items of a private workspace, and everything hanging off them, are
 *   readable only by the item's members; a private workspace by its owner
 *   and by the members of one of its items;
 * - a signed-in actor may create workspaces (owned by them), items, comments,
 *   milestones and members;
 * - only its owner changes a workspace (an owner-less one: only services);
 * - changing an item needs an EDITOR or ADMIN membership of it; changing who
 *   its members are (or moving it) and destroying it need ADMIN; an item with
 *   no members yet is open to every signed-in actor; an item with members
 *   keeps at least one ADMIN.
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

/** A Workspace the actor may read: a public one, or a private one they own or are a member of an item of. */
export const readableWorkspace = (actor: Actor): PolicyWhere =>
  actor === null
    ? { private: { equals: false } }
    : { OR: [{ private: { equals: false } }, ownedBy(actor), { items: { some: hasMembership(actor) } }] };

/** A Workspace the actor owns. */
export const ownedBy = (actor: string): PolicyWhere => ({ ownerId: { equals: actor } });

/** An Item the actor may change (`roles`: the memberships that allow it), or one that has no members yet. */
export const itemChangeableBy = (actor: string, roles: readonly string[]): PolicyWhere => ({
  OR: [hasMembership(actor, roles), { memberships: { none: {} } }],
});

export const EDITING_ROLES = ['EDITOR', 'ADMIN'] as const;

/** An Item with no members, or with at least one ADMIN (the invariant every Item keeps). */
export const noMembersOrAnAdmin: PolicyWhere = { OR: [{ memberships: { none: {} } }, { memberships: { some: { role: { equals: 'ADMIN' } } } }] };

/** Any signed-in actor. */
export const signedIn: ActionPolicy = ({ actor }) => actor !== null;

/** A signed-in actor whose record (`record`, checked in the database) meets `condition`. */
export const signedInAnd = (condition: (actor: string, context: ActionPolicyContext) => PolicyWhere): ActionPolicy =>
  (context) => (context.actor === null ? false : condition(context.actor, context));

/**
 * A create giving the relateActor key `attribute` only as the actor themself (a person may not make someone else the owner).
 * UUIDs compare in lower case, as the cast stores them (the actor's id is lower case).
 */
export const onlyAsSelf = (attribute: string): ActionPolicy => ({ actor, input }) => {
  const given = input[attribute];
  return actor !== null && typeof given === 'string' && given.toLowerCase() === actor.toLowerCase();
};

/** Only as a step of another resource's managed argument (e.g. join records through Item's `members`), whose policy decided. */
export const onlyVia = (resource: string): ActionPolicy => ({ via }) => via?.resource === resource;
