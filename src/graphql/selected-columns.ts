import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import type { Relationship, Resource } from '../resource';
import { isParentRef } from '../resource';

/**
 * The attribute columns a to-many load must read for the records that one
 * field returns: the attributes the query selects on them, plus what their
 * selected relationships need from them (a belongsTo's key; the id for
 * hasOne / hasMany / manyToMany / polymorphic; the parent attributes a
 * noAttributes filter refers to). `undefined` means every column: a manual
 * relationship hands its parent records to application code, which may read
 * any attribute. Fragments count whatever their type condition, and
 * `@skip` / `@include` are ignored: reading a column too many is harmless,
 * one too few is not.
 *
 * The answer depends only on the document, so it is cached per field node:
 * parsed documents are reused across requests, and every parent of a list
 * asks with the same node.
 */
export function selectedColumns(resource: Resource, info: GraphQLResolveInfo): readonly string[] | undefined {
  const node = info.fieldNodes.length === 1 ? info.fieldNodes[0]! : undefined;
  if (node && cache.has(node)) return cache.get(node) ?? undefined;
  const columns = collectColumns(resource, info);
  if (node) cache.set(node, columns ?? null);
  return columns;
}

const cache = new WeakMap<FieldNode, readonly string[] | null>();

function collectColumns(resource: Resource, info: GraphQLResolveInfo): readonly string[] | undefined {
  const columns = new Set<string>(['id']);
  const visit = (selectionSet: SelectionSetNode | undefined, seen: Set<string>): boolean => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === 'InlineFragment') {
        if (!visit(selection.selectionSet, seen)) return false;
      } else if (selection.kind === 'FragmentSpread') {
        const name = selection.name.value;
        if (seen.has(name)) continue;
        seen.add(name);
        if (!visit(info.fragments[name]?.selectionSet, seen)) return false;
      } else {
        const name = selection.name.value;
        if (resource.attributeByName.has(name)) columns.add(name);
        const rel = resource.relationshipByName.get(name);
        if (rel && !addRelationshipNeeds(rel, columns)) return false;
      }
    }
    return true;
  };
  for (const field of info.fieldNodes) {
    if (!visit(field.selectionSet, new Set())) return undefined;
  }
  return [...columns];
}

/** Adds what resolving `rel` needs from its source record; false when that is the whole record. */
function addRelationshipNeeds(rel: Relationship, columns: Set<string>): boolean {
  switch (rel.kind) {
    case 'belongsTo':
      columns.add(rel.sourceAttribute);
      return true;
    case 'noAttributes':
      for (const condition of rel.filter) if (isParentRef(condition.value)) columns.add(condition.value.parentAttribute);
      return true;
    case 'manual':
      return false;
    default:
      return true; // keyed by the id, always read
  }
}
