import { sortableAttributes } from '../engine/sort';
import type { Domain, Resource } from '../resource';
import type { Builder } from './builder';

export const sortName = (resource: Resource) => `${resource.name}Sort`;
const sortFieldName = (resource: Resource) => `${resource.name}SortField`;
const toEnumValue = (attribute: string) => attribute.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** `SortOrder`, and per resource `<Resource>SortField` + `<Resource>Sort { field, order }`. */
export function addSortInputs(builder: Builder, domain: Domain): void {
  builder.enumType('SortOrder', {
    description: 'Direction of a sort key.',
    values: {
      ASC: { value: 'ASC', description: 'Smallest first; nulls last.' },
      DESC: { value: 'DESC', description: 'Largest first; nulls first.' },
    },
  });
  for (const resource of domain.resources) {
    builder.enumType(sortFieldName(resource), {
      description: `Attributes ${resource.name} records can be sorted by.`,
      values: Object.fromEntries(sortableAttributes(resource).map((a) => [toEnumValue(a.name), { value: a.name, description: `By \`${a.name}\`.` }])),
    });
    builder.inputType(sortName(resource), {
      description: `One sort key for ${resource.name} records; ties are broken by id (creation order).`,
      fields: (t) => ({
        field: t.field({ type: sortFieldName(resource) as never, required: true, description: 'The attribute to sort by.' }),
        order: t.field({ type: 'SortOrder' as never, defaultValue: 'ASC' as never, description: 'Ascending or descending.' }),
      }),
    });
  }
}
