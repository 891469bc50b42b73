/**
 * Who sends a request, as its verified credentials say: nobody (no
 * Authorization header), an actor (a person; in the reference app a Member id,
 * the token's `sub`), or a trusted service (`role: "service"`), which skips
 * every policy as Ash's `authorize?: false` does.
 */
export type Principal =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'actor'; readonly id: string }
  | { readonly kind: 'service'; readonly id: string };

export const ANONYMOUS: Principal = Object.freeze({ kind: 'anonymous' });

/**
 * The name a principal's events are written under: the actor's id,
 * `service:<sub>` for a service (so the log tells people and services apart),
 * null when anonymous.
 */
export function eventActorOf(principal: Principal): string | null {
  switch (principal.kind) {
    case 'anonymous':
      return null;
    case 'actor':
      return principal.id;
    case 'service':
      return `service:${principal.id}`;
  }
}
