import { FILTER_OPERATORS } from '../engine/filter';
import { isKeyed, isToOneKeyed, type Attribute, type Domain, type Resource } from '../resource';
import type { Builder } from './builder';
import { scalarTypeName } from './type-names';

const OPERATOR_DOCS: Record<string, string> = {
  eq: 'Equal to.',
  ne: 'Not equal to (never matches null).',
  in: 'One of these values.',
  notIn: 'None of these values (never matches null).',
  lt: 'Less than.',
  lte: 'Less than or equal to.',
  gt: 'Greater than.',
  gte: 'Greater than or equal to.',
  contains: 'Contains this text (case-sensitive).',
  startsWith: 'Starts with this text (case-sensitive).',
  isNull: 'true: only null; false: only non-null.',
};

export const filterName = (resource: Resource) => `${resource.name}Filter`;
export const listFilterName = (resource: Resource) => `${resource.name}ListFilter`;
const operatorFilterName = (attribute: Attribute) =>
  `${attribute.type === 'enum' ? attribute.enumName! : scalarTypeName(attribute)}Filter`;

/**
 * Filter inputs: one operator input per value type (`StringFilter`,
 * `ItemStatusFilter`, ...), one `<Resource>Filter` per resource (and / or /
 * not, attributes, relationships), and `<Resource>ListFilter` (some / every /
 * none) for the destinations of to-many relationships.
 */
export function addFilterInputs(builder: Builder, domain: Domain): void {
  const operatorInputs = new Set<string>();
  for (const resource of domain.resources) {
    for (const attribute of resource.attributes) {
      if (attribute.type === 'json') continue;
      const name = operatorFilterName(attribute);
      if (operatorInputs.has(name)) continue;
      operatorInputs.add(name);
      const type = scalarTypeName(attribute) as 'String';
      builder.inputType(name, {
        description: `Conditions on a ${type} value; all given conditions must hold.`,
        fields: (t) =>
          Object.fromEntries(
            FILTER_OPERATORS[attribute.type as keyof typeof FILTER_OPERATORS].map((op) => [
              op,
              op === 'isNull'
                ? t.boolean({ description: OPERATOR_DOCS[op] })
                : op === 'in' || op === 'notIn'
                  ? t.field({ type: [type], required: { list: false, items: true }, description: OPERATOR_DOCS[op] })
                  : t.field({ type, description: OPERATOR_DOCS[op] }),
            ]),
          ) as never,
      });
    }
  }

  // A list filter exists only for resources some filter quantifies over (an unused type would only clutter the schema).
  const quantified = new Set(domain.resources.flatMap((resource) =>
    resource.relationships.flatMap((rel) => (rel.public && isKeyed(rel) && !isToOneKeyed(rel) ? [rel.destination] : []))));
  for (const resource of domain.resources) {
    builder.inputType(filterName(resource), {
      description: `Conditions on ${resource.name} records; all given conditions must hold.`,
      fields: (t) => {
        const fields: Record<string, unknown> = {
          and: t.field({ type: [filterName(resource)] as never, description: 'Every one of these filters holds.' }),
          or: t.field({ type: [filterName(resource)] as never, description: 'At least one of these filters holds.' }),
          not: t.field({ type: filterName(resource) as never, description: 'This filter does not hold.' }),
        };
        for (const attribute of resource.attributes) {
          if (attribute.public && attribute.type !== 'json') {
            fields[attribute.name] = t.field({ type: operatorFilterName(attribute) as never, description: `Conditions on \`${attribute.name}\`.` });
          }
        }
        for (const rel of resource.relationships) {
          if (!rel.public || !isKeyed(rel)) continue;
          const destination = domain.resource(rel.destination);
          fields[rel.name] = isToOneKeyed(rel)
            ? t.field({ type: filterName(destination) as never, description: `The related ${destination.name} matches.` })
            : t.field({ type: listFilterName(destination) as never, description: `Conditions on the related ${destination.name} records.` });
        }
        return fields as never;
      },
    });
    if (!quantified.has(resource.name)) continue;
    builder.inputType(listFilterName(resource), {
      description: `Conditions on a list of ${resource.name} records.`,
      fields: (t) => ({
        some: t.field({ type: filterName(resource) as never, description: 'At least one record matches.' }),
        every: t.field({ type: filterName(resource) as never, description: 'Every record matches (true for an empty list).' }),
        none: t.field({ type: filterName(resource) as never, description: 'No record matches.' }),
      }),
    });
  }
}
