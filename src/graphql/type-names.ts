import type { Action, Attribute, Resource } from '../resource';
import { upperFirst } from '../resource/naming';

/** GraphQL names derived from the domain; one place so every module agrees. */
export const names = {
  connection: (r: Resource) => `${r.name}Connection`,
  edge: (r: Resource) => `${r.name}Edge`,
  getQuery: (r: Resource) => r.name.charAt(0).toLowerCase() + r.name.slice(1),
  listQuery: (r: Resource) => r.pluralName,
  /** The verb of the action, then the resource, then the rest: `addRelation` on Item is `addItemRelation`. */
  mutation: (r: Resource, a: Action) => {
    const [, verb, rest] = /^([a-z0-9]+)(.*)$/.exec(a.name)!;
    return `${verb}${r.name}${rest}`;
  },
  input: (r: Resource, a: Action) => `${upperFirst(names.mutation(r, a))}Input`,
  payload: (r: Resource, a: Action) => `${upperFirst(names.mutation(r, a))}Payload`,
};

/** The GraphQL type of an attribute's value (without nullability). */
export function scalarTypeName(attribute: Attribute): string {
  switch (attribute.type) {
    case 'string':
      return 'String';
    case 'int':
      return 'Int';
    case 'boolean':
      return 'Boolean';
    case 'uuid':
      return 'ID';
    case 'datetime':
      return 'DateTime';
    case 'json':
      return 'JSON';
    case 'enum':
      return attribute.enumName!;
  }
}
