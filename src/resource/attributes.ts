/**
 * Attribute builders. An attribute definition is plain data; the phantom
 * `__value` / `__required` parameters let record and input types be inferred
 * from a definition instead of being written twice.
 */

export type AttributeType = 'string' | 'int' | 'boolean' | 'enum' | 'datetime' | 'uuid' | 'json';

/** What an attribute's default function is given. */
export interface DefaultContext {
  /** The mutation's time (its events' `occurredAt`). */
  readonly now: Date;
}

export interface AttributeOptions<TValue> {
  /** A required attribute is non-null; create must supply it unless it has a default. */
  required?: boolean;
  /**
   * Value used on create when the input leaves the attribute out. A function is called per create
   * with the mutation's clock (`({ now }) => now` for a creation time: every record of one mutation
   * gets the same instant, and deciding the mutation again gives the same events).
   */
  default?: TValue | ((context: DefaultContext) => TValue);
  /** Exposed in the GraphQL object type (default true). */
  public?: boolean;
  /** Accepted by create / update actions (default true). */
  writable?: boolean;
  /**
   * No two records share a value (an Ash identity): managed relationships can
   * look records up by it. Back it with a unique index in prisma/schema.prisma.
   */
  unique?: boolean;
  description?: string;
}

export interface StringOptions extends AttributeOptions<string> {
  /** Longest accepted value; the domain's default limit (10,000) applies when unset. */
  maxLength?: number;
}

export interface EnumOptions<TValue extends string> extends AttributeOptions<TValue> {
  /** GraphQL enum type name; defaults to `<Resource><Attribute>` in PascalCase. */
  enumName?: string;
  /** What each value means, shown on the GraphQL enum's values. */
  valueDescriptions?: { readonly [K in TValue]?: string };
}

export interface AttributeDefinition<TValue = unknown, TRequired extends boolean = boolean> {
  readonly kind: 'attribute';
  readonly type: AttributeType;
  readonly options: AttributeOptions<TValue> & { maxLength?: number; enumName?: string; valueDescriptions?: Readonly<Record<string, string | undefined>> };
  readonly values?: readonly string[];
  /** Phantom: the TypeScript type of the value. */
  readonly __value?: TValue;
  /** Phantom: whether the value is always present on a record. */
  readonly __required?: TRequired;
}

type Required<O> = O extends { required: true } ? true : O extends { default: unknown } ? true : false;

function define<TValue, O extends AttributeOptions<TValue>>(
  type: AttributeType,
  options: O | undefined,
  values?: readonly string[],
): AttributeDefinition<TValue, Required<O>> {
  return Object.freeze({ kind: 'attribute', type, options: { ...(options ?? {}) }, ...(values ? { values } : {}) });
}

export const attribute = {
  string: <O extends StringOptions = {}>(options?: O) => define<string, O>('string', options),
  int: <O extends AttributeOptions<number> = {}>(options?: O) => define<number, O>('int', options),
  boolean: <O extends AttributeOptions<boolean> = {}>(options?: O) => define<boolean, O>('boolean', options),
  /** An ISO-8601 date-time; stored and returned as a `Date`, carried in events as a string. */
  datetime: <O extends AttributeOptions<Date> = {}>(options?: O) => define<Date, O>('datetime', options),
  uuid: <O extends AttributeOptions<string> = {}>(options?: O) => define<string, O>('uuid', options),
  json: <O extends AttributeOptions<unknown> = {}>(options?: O) => define<unknown, O>('json', options),
  enum: <const V extends string, O extends EnumOptions<V> = {}>(values: readonly V[], options?: O) =>
    define<V, O>('enum', options, values),
};
