import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/** Types the schema defines itself: not graphql-js' built-in scalars nor introspection types. */
function ownTypes(schema: GraphQLSchema): GraphQLNamedType[] {
  return Object.values(schema.getTypeMap()).filter((type) => !isSpecifiedScalarType(type) && !isIntrospectionType(type));
}

const undescribed = (description: string | null | undefined) => !description?.trim();

/**
 * Every element of the schema without a description, as coordinates
 * (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `Input.field`).
 */
export function undescribedElements(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of ownTypes(schema)) {
    if (undescribed(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (undescribed(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (undescribed(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (undescribed(field.description)) missing.push(`${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (undescribed(value.description)) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing;
}

/** Types the schema defines that no root operation type reaches (through fields, arguments, interfaces, unions, inputs). */
export function unreferencedTypes(schema: GraphQLSchema): string[] {
  const reached = new Set<string>();
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((t) => t != null);
  const pending: GraphQLNamedType[] = [...roots];
  const visit = (type: GraphQLNamedType) => {
    if (reached.has(type.name)) return;
    reached.add(type.name);
    pending.push(type);
  };
  roots.forEach((root) => reached.add(root.name));
  while (pending.length > 0) {
    const type = pending.pop()!;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        visit(getNamedType(field.type));
        for (const arg of field.args) visit(getNamedType(arg.type));
      }
      for (const iface of type.getInterfaces()) visit(iface);
    }
    if (isInterfaceType(type)) for (const impl of schema.getImplementations(type).objects) visit(impl);
    if (isUnionType(type)) for (const member of type.getTypes()) visit(member);
    if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) visit(getNamedType(field.type));
  }
  return ownTypes(schema).map((t) => t.name).filter((name) => !reached.has(name)).sort();
}
