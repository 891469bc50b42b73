import type { Attribute, Domain } from '../resource';
import type { Builder } from './builder';

/**
 * One GraphQL enum per enum attribute and per enum input field of a custom
 * action. Attribute enum names are unique (the domain checks it); a custom
 * input may reuse an attribute's enum by giving the same name and values.
 */
export function addEnums(builder: Builder, domain: Domain): void {
  const added = new Map<string, string>();
  const add = (attribute: Attribute, owner: string) => {
    if (attribute.type !== 'enum') return;
    const name = attribute.enumName!;
    const values = attribute.values!.join(',');
    if (added.has(name)) {
      if (added.get(name) !== values) throw new Error(`${owner}.${attribute.name}: enum ${name} is already defined with other values; name it differently.`);
      return;
    }
    added.set(name, values);
    builder.enumType(name, {
      description: attribute.description ?? `Values of ${owner}.${attribute.name}.`,
      values: Object.fromEntries(attribute.values!.map((value) => [value, {
        value,
        description: attribute.valueDescriptions?.[value] ?? `${owner}.${attribute.name} is ${value}.`,
      }])),
    });
  };
  for (const resource of domain.resources) {
    for (const attribute of resource.attributes) add(attribute, resource.name);
  }
  for (const resource of domain.resources) {
    for (const action of resource.actions) {
      for (const attribute of action.inputByName.values()) add(attribute, `${resource.name}.${action.name}`);
    }
  }
}
