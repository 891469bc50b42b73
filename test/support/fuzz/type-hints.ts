import {
  getNamedType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Which record types a named slot refers to, read from the schema's output
 * types: an input slot `workspaceId` or `workspace` under Item refers to
 * Workspace because `Item.workspace` is one; `members` / `addMembers` to
 * Member; `relationId` to Item or Milestone (`Item.relations` is a union);
 * `eventId` to Event (a type of that name). Used to draw ids of the right type
 * and to follow nested inputs to the record type they describe.
 */
export type Owner = readonly GraphQLObjectType[];

/** A record type: an object type with an `id`. */
const isRecord = (type: unknown): type is GraphQLObjectType => isObjectType(type) && 'id' in type.getFields();

/** The record types a root field or payload is about: `result` of a payload, `edges.node` of a connection, else itself. */
export function subjectOf(field: GraphQLField<unknown, unknown>): Owner {
  let type = getNamedType(field.type);
  for (let i = 0; i < 3 && isObjectType(type); i++) {
    const fields = type.getFields();
    if (isRecord(type)) return [type];
    const next = fields.result ?? fields.edges ?? fields.node;
    if (!next) break;
    type = getNamedType(next.type);
  }
  if (isUnionType(type)) return type.getTypes().filter(isRecord);
  return isRecord(type) ? [type] : [];
}

/** Name candidates: `workspaceId` -> workspace; `addMembers` -> members; `relationId` -> relation, relations. */
function candidates(name: string): string[] {
  const base = name.replace(/Ids?$/, '');
  const unverbed = /^[a-z]+([A-Z]\w*)$/.exec(base)?.[1];
  const names = [base, ...(unverbed ? [unverbed[0]!.toLowerCase() + unverbed.slice(1)] : [])];
  return names.flatMap((n) => [n, `${n}s`]);
}

/** The record types `name` refers to under `owner`; `id` is the owner itself; undefined when unknown. */
export function relatedTypes(schema: GraphQLSchema, owner: Owner, name: string): Owner | undefined {
  if (name === 'id') return owner.length > 0 ? owner : undefined;
  for (const candidate of candidates(name)) {
    for (const type of owner) {
      const field = type.getFields()[candidate];
      if (!field) continue;
      const target = subjectOf(field);
      if (target.length > 0) return target;
    }
  }
  for (const candidate of candidates(name)) {
    const type = schema.getType(candidate[0]!.toUpperCase() + candidate.slice(1));
    if (isRecord(type)) return [type];
  }
  return undefined;
}
