import type { GraphQLSchema } from 'graphql';
import type { Pools } from './pools';
import type { Random } from './random';
import type { Owner } from './type-hints';

/** Where a value goes: its argument or input field name and the record types it is about. */
export interface Slot {
  readonly name: string;
  readonly owner: Owner;
}

/** State of building one operation. */
export class Build {
  /** A value came from a learned time: the response may differ between runs, so nothing is learned from it. */
  volatile = false;
  /** Fields the selection may still add (keeps responses, and the run, small). */
  budget: number;
  private names = 0;

  constructor(
    readonly schema: GraphQLSchema,
    readonly rng: Random,
    readonly pools: Pools,
    budget: number,
    /** Whether this operation may carry invalid input (malformed values, missing or unknown fields...). */
    readonly dirty: boolean,
  ) {
    this.budget = budget;
  }

  /** True with probability `p` in a dirty operation; never in a clean one. */
  odd(p: number): boolean {
    return this.dirty && this.rng.chance(p);
  }

  /** A fresh name for a variable or alias. */
  name(prefix: string): string {
    return `${prefix}${this.names++}`;
  }
}
