import SchemaBuilder from '@pothos/core';
import type { GraphQLContext } from './context';
import { DateTimeScalar, JsonScalar } from './scalars';

export interface SchemaTypes {
  Context: GraphQLContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
}

export type Types = PothosSchemaTypes.ExtendDefaultTypes<SchemaTypes>;
export type Builder = PothosSchemaTypes.SchemaBuilder<Types>;
/** Field builder of a resource object type (its parent value is a record). */
export type RecordFieldBuilder = PothosSchemaTypes.ObjectFieldBuilder<Types, import('../engine/record').RecordState>;

/** A fresh builder with the shared scalars; one per schema build. */
export function createBuilder(): Builder {
  const builder = new SchemaBuilder<SchemaTypes>({ defaultFieldNullability: false });
  builder.addScalarType('DateTime', DateTimeScalar);
  builder.addScalarType('JSON', JsonScalar);
  return builder;
}
