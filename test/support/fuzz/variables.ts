import {
  GraphQLNonNull,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
} from 'graphql';
import type { Build } from './context';

/** The value of a required variable the request leaves out ("was not provided"). */
export const NOT_PROVIDED = Symbol('not provided');

/**
 * The variables of one operation: each argument value becomes `$vN` (mostly)
 * or an inline literal. Now and then a variable is declared with the wrong
 * type, or a required one is left out of the variables.
 */
export class Variables {
  readonly declarations: string[] = [];
  readonly values: Record<string, unknown> = {};

  constructor(private readonly b: Build) {}

  /** The text to write as the argument's value. */
  use(type: GraphQLInputType, value: unknown): string {
    const { rng } = this.b;
    if (value !== NOT_PROVIDED && rng.chance(0.12)) return literal(type, value);
    const name = this.b.name('v');
    this.declarations.push(`$${name}: ${this.b.odd(0.03) ? misdeclared(type, rng.chance(0.5)) : String(type)}`);
    if (value !== NOT_PROVIDED) this.values[name] = value;
    return `$${name}`;
  }

  /** `(…)` for the operation, or '' when it has no variables. */
  header(): string {
    return this.declarations.length > 0 ? `(${this.declarations.join(', ')})` : '';
  }
}

/** A type close to `type` but not usable where it is expected. */
function misdeclared(type: GraphQLInputType, dropNonNull: boolean): string {
  if (dropNonNull && isNonNullType(type)) return String(type.ofType);
  const named = getNamedType(type).name;
  return named === 'String' ? 'Int' : named === 'Int' ? 'String' : isListType(type) ? named : `[${String(type)}]`;
}

/** `value` as a GraphQL literal of `type` (invalid values make invalid literals, as a client might send). */
export function literal(type: GraphQLInputType, value: unknown): string {
  const inner = isNonNullType(type) ? (type as GraphQLNonNull<GraphQLInputType>).ofType : type;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    const element = isListType(inner) ? inner.ofType : inner;
    return `[${value.map((v) => literal(element, v)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = isInputObjectType(inner) ? inner.getFields() : {};
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${literal(fields[k]?.type ?? inner, v)}`);
    return `{${entries.join(', ')}}`;
  }
  if (typeof value === 'string') {
    const named = isListType(inner) ? getNamedType(inner) : inner;
    return isEnumType(named) && /^[_A-Za-z]\w*$/.test(value) ? value : JSON.stringify(value);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return '0';
  return String(value);
}
