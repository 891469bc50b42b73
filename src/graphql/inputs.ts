import type { Action, Resource } from '../resource';
import type { Builder } from './builder';
import { inputField, type ManagedInputs } from './managed-inputs';
import { names, scalarTypeName } from './type-names';
import { withArticle } from '../resource/naming';

/**
 * The input object of a create or update action: one field per accepted
 * attribute, and one per managed argument (its derived input, see
 * `ManagedInputs`). A create field is required when the attribute is required
 * and has no default; update fields are all optional (absent = unchanged).
 * Returns the input type name, or undefined when the action takes nothing.
 */
export function addActionInput(builder: Builder, resource: Resource, action: Action, managed: ManagedInputs): string | undefined {
  if (action.accept.length === 0 && action.arguments.length === 0) return undefined;
  const argumentFields = managed.argumentFields(resource, action);
  // A belongsTo key that a managed argument can set instead is optional (one of the two is needed).
  const setByArgument = new Set(action.arguments.flatMap((arg) => {
    const rel = resource.relationshipByName.get(arg.relationship);
    return rel?.kind === 'belongsTo' ? [rel.sourceAttribute] : [];
  }));
  const name = names.input(resource, action);
  builder.inputType(name, {
    description:
      action.type === 'create'
        ? `Values for a new ${resource.name}.`
        : action.type === 'custom'
          ? `Input of ${resource.name}.${action.name}.`
          : `Changes to ${withArticle(resource.name)}; fields left out keep their value.`,
    fields: (t) =>
      Object.fromEntries([
        ...Object.entries(argumentFields).map(([field, spec]) => [field, inputField(t, spec)]),
        ...action.accept.map((field) => {
          const attribute = (action.inputByName.get(field) ?? resource.attributeByName.get(field))!;
          const complete = action.type === 'create' || action.type === 'custom';
          const required = complete && attribute.required && attribute.defaultValue === undefined && !setByArgument.has(field);
          const notes = [
            attribute.description,
            attribute.defaultValue !== undefined && complete ? 'Has a default when left out.' : undefined,
            attribute.maxLength !== undefined ? `At most ${attribute.maxLength} characters.` : undefined,
          ].filter(Boolean);
          return [field, t.field({ type: scalarTypeName(attribute) as 'String', required, description: notes.join(' ') || undefined })];
        }),
      ]) as never,
  });
  return name;
}
