import type { Domain } from '../resource';
import type { Builder } from './builder';

/** One GraphQL enum per enum attribute (names are unique: the domain checks it). */
export function addEnums(builder: Builder, domain: Domain): void {
  for (const resource of domain.resources) {
    for (const attribute of resource.attributes) {
      if (attribute.type !== 'enum') continue;
      builder.enumType(attribute.enumName!, {
        description: attribute.description ?? `Values of ${resource.name}.${attribute.name}.`,
        values: attribute.values!,
      });
    }
  }
}
