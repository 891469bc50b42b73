import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const invalid = (message: string) => new GraphQLError(message, { extensions: { code: 'INVALID_INPUT' } });

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value as string)) {
    throw invalid(`DateTime must be an ISO-8601 string such as "2026-01-31T12:00:00Z" but got: ${JSON.stringify(value)}.`);
  }
  // PostgreSQL's timestamptz starts at 4713 BC, but years before 1 are written differently there; keep to 0001-9999 (UTC).
  if (date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999) {
    throw invalid(`DateTime must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z but got: ${JSON.stringify(value)}.`);
  }
  return date;
}

/** ISO-8601 date-time with time zone, e.g. `2026-01-31T12:00:00.000Z`. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO-8601 date-time with time zone, e.g. "2026-01-31T12:00:00.000Z".',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') return parseDateTime(value).toISOString();
    throw new TypeError(`DateTime cannot represent ${String(value)}.`);
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid('DateTime must be written as a string literal.');
    return parseDateTime(ast.value);
  },
});

function literalValue(ast: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
    case Kind.ENUM:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literalValue(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalValue(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
  }
}

/** Any JSON value. */
export const JsonScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literalValue,
});
