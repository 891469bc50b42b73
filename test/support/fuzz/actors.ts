import { signedInAs } from '../tokens';
import type { Pools } from './pools';
import type { Random } from './random';

export type ActorKind = 'anonymous' | 'member' | 'unknown member' | 'malformed';

export interface Actor {
  readonly kind: ActorKind;
  readonly headers: Record<string, string>;
}

/** Header values fetch accepts (Latin-1 only) that are no valid token (bare member ids included). */
const MALFORMED = ['Bearer not-a-uuid', 'Bearer', 'Bearer ', 'Basic YWRhOmFkYQ==', 'bearer  x  y', "Bearer ' OR 1=1 --", `Bearer ${'z'.repeat(3000)}`, 'Bearer \u00e9\u00e8', 'Token abc', 'Bearer 00000000-0000-0000-0000-000000000000', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'];

/**
 * Who sends the next request (`Authorization: Bearer <signed token>`): mostly a
 * known member, else anonymous, a valid token for an id of no member, or a malformed header.
 */
export async function randomActor(rng: Random, pools: Pools): Promise<Actor> {
  const members = pools.idsOf('Member');
  const kind = rng.weighted<ActorKind>([
    [members.length > 0 ? 60 : 0, 'member'],
    [20, 'anonymous'],
    [10, 'unknown member'],
    [10, 'malformed'],
  ]);
  switch (kind) {
    case 'member':
      // Half the time the first member: the seed data's admin, allowed to change most of it.
      return { kind, headers: await signedInAs(rng.chance(0.5) ? members[0]! : rng.pick(members)) };
    case 'unknown member':
      return { kind, headers: await signedInAs(rng.chance(0.5) ? rng.uuid() : rng.maybePick(pools.gone.list) ?? rng.uuid()) };
    case 'malformed':
      return { kind, headers: { authorization: rng.pick(MALFORMED) } };
    default:
      return { kind, headers: {} };
  }
}
