import type { Action, Resource } from '../resource';
import type { Builder } from './builder';
import { names, scalarTypeName } from './type-names';
import { withArticle } from '../resource/naming';

/**
 * The input object of a create or update action: one field per accepted
 * attribute. A create field is required when the attribute is required and
 * has no default; update fields are all optional (absent = unchanged).
 * Returns the input type name, or undefined when the action accepts nothing.
 */
export function addActionInput(builder: Builder, resource: Resource, action: Action): string | undefined {
  if (action.accept.length === 0) return undefined;
  const name = names.input(resource, action);
  builder.inputType(name, {
    description:
      action.type === 'create'
        ? `Values for a new ${resource.name}.`
        : `Changes to ${withArticle(resource.name)}; fields left out keep their value.`,
    fields: (t) =>
      Object.fromEntries(
        action.accept.map((field) => {
          const attribute = resource.attributeByName.get(field)!;
          const required = action.type === 'create' && attribute.required && attribute.defaultValue === undefined;
          const notes = [
            attribute.description,
            attribute.defaultValue !== undefined && action.type === 'create' ? 'Has a default when left out.' : undefined,
            attribute.maxLength !== undefined ? `At most ${attribute.maxLength} characters.` : undefined,
          ].filter(Boolean);
          return [field, t.field({ type: scalarTypeName(attribute) as 'String', required, description: notes.join(' ') || undefined })];
        }),
      ) as never,
  });
  return name;
}
