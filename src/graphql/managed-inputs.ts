import { actionOfType, frameworkKey, managedOperations, type ManagedOperations } from '../engine/managed/allowed-fields';
import type { Action, Attribute, Domain, KeyedRelationship, ManagedArgument, Resource } from '../resource';
import { upperFirst } from '../resource/naming';
import type { Builder } from './builder';
import { scalarTypeName } from './type-names';

type InputFieldBuilder = Parameters<Parameters<Builder['inputType']>[1]['fields']>[0];

/** A field of an action input: its GraphQL type name (maybe a list), nullability and description. */
interface FieldSpec {
  readonly type: string;
  readonly list: boolean;
  readonly required: boolean;
  readonly description: string;
}

/**
 * Derived inputs of managed arguments (AshGraphql-style), one input object per
 * (resource, action, argument), named `<Resource><Action><Argument>Input`,
 * e.g. `ItemCreateCommentsInput`. Its fields are exactly what the argument's
 * operations use: lookup keys when it can find records (relate / match /
 * remove), the destination create action's fields (and its own managed
 * arguments, so creates nest) when it can create, the update action's fields
 * when it can update, join attributes for a manyToMany. The key the framework
 * sets (the child's foreign key) is never a field. A field is non-null only
 * when every operation of the argument needs it. With `valueIsKey` the
 * argument is the bare key (`[ID!]`). Type-name clashes and arguments that
 * would take no field fail the schema build with a message saying which.
 */
export class ManagedInputs {
  private readonly built = new Map<string, string>();

  constructor(private readonly builder: Builder, private readonly domain: Domain, private readonly taken: ReadonlySet<string>) {}

  /** Fields of `action`'s input for its managed arguments, by argument name. */
  argumentFields(resource: Resource, action: Action): Record<string, FieldSpec> {
    const fields: Record<string, FieldSpec> = {};
    for (const arg of action.arguments) {
      const rel = resource.relationshipByName.get(arg.relationship) as KeyedRelationship;
      const many = rel.kind === 'hasMany' || rel.kind === 'manyToMany';
      const type = arg.valueIsKey ? this.keyType(rel, arg) : this.inputType(resource, action, arg, rel);
      const absent = many ? 'Absent: no change; `null` or `[]`: the empty set.' : 'Absent: no change; `null`: none.';
      fields[arg.name] = { type, list: many, required: false, description: [arg.description, absent].filter(Boolean).join(' ') };
    }
    return fields;
  }

  private keyType(rel: KeyedRelationship, arg: ManagedArgument): string {
    return scalarTypeName(this.domain.resource(rel.destination).attributeByName.get(arg.lookupBy[0]!)!);
  }

  private inputType(resource: Resource, action: Action, arg: ManagedArgument, rel: KeyedRelationship): string {
    const name = `${resource.name}${upperFirst(action.name)}${upperFirst(arg.name)}Input`;
    const owner = `${resource.name}.${action.name}.${arg.name}`;
    const previous = this.built.get(name);
    if (previous !== undefined) {
      if (previous === owner) return name;
      throw new Error(`GraphQL type name clash: ${name} would be derived for both ${previous} and ${owner}; rename one of the arguments or actions.`);
    }
    if (this.taken.has(name)) throw new Error(`GraphQL type name clash: ${name} (derived for ${owner}) is already a type of the schema; rename the argument.`);
    this.built.set(name, owner);

    const destination = this.domain.resource(rel.destination);
    const ops = managedOperations(this.domain, rel, arg);
    const fields = this.derivedFields(destination, arg, rel, ops);
    if (Object.keys(fields).length === 0) {
      throw new Error(`${owner}: the derived input ${name} would have no fields (the argument's instructions allow no operation that takes input); change the instructions or drop the argument.`);
    }
    this.builder.inputType(name, {
      description: `One ${destination.name} for \`${arg.name}\` of ${resource.name}.${action.name}: ${describeOperations(ops, arg)}.`,
      fields: (t) => Object.fromEntries(Object.entries(fields).map(([field, spec]) => [field, inputField(t, spec)])) as never,
    });
    return name;
  }

  private derivedFields(destination: Resource, arg: ManagedArgument, rel: KeyedRelationship, ops: ManagedOperations): Record<string, FieldSpec> {
    const onlyCreate = ops.create !== undefined && !ops.lookup && ops.update === undefined;
    const onlyLookup = ops.lookup && ops.create === undefined && ops.update === undefined;
    const fields: Record<string, FieldSpec> = {};
    if (ops.lookup) {
      for (const key of arg.lookupBy) {
        fields[key] = {
          type: scalarTypeName(destination.attributeByName.get(key)!),
          list: false,
          required: onlyLookup && arg.lookupBy.length === 1,
          description: `Finds an existing ${destination.name} by ${key}${arg.lookupBy.length > 1 ? ` (give one of ${arg.lookupBy.join(', ')})` : ''}.`,
        };
      }
    }
    for (const name of ops.create ?? []) {
      const attribute = destination.attributeByName.get(name);
      const required = onlyCreate && attribute !== undefined && attribute.required && attribute.defaultValue === undefined;
      fields[name] = this.destinationField(destination, 'create', name, required, `Used when a new ${destination.name} is created.`);
    }
    for (const name of ops.update ?? []) {
      if (fields[name]) {
        fields[name] = { ...fields[name]!, required: false, description: `${fields[name]!.description} Also changes a matched ${destination.name}.` };
      } else {
        fields[name] = this.destinationField(destination, 'update', name, false, `Changes a matched ${destination.name}; left out, it keeps its value.`);
      }
    }
    if (rel.kind === 'manyToMany') {
      const through = this.domain.resource(rel.through);
      for (const name of arg.joinAttributes) {
        const attribute = through.attributeByName.get(name)!;
        const updatesLinks = arg.instructions.onMatch === 'update' || arg.instructions.onMatch === 'update_join';
        fields[name] = attributeField(attribute, false, `Set on the link (${through.name}) that relates the ${destination.name}${updatesLinks ? ', and updated on a link that exists already' : ''}.`);
      }
    }
    const key = frameworkKey(rel);
    if (key) delete fields[key];
    return fields;
  }

  /** A field the destination's create / update action takes: an attribute, or one of its own managed arguments (nested). */
  private destinationField(destination: Resource, type: 'create' | 'update', name: string, required: boolean, use: string): FieldSpec {
    const attribute = destination.attributeByName.get(name);
    if (attribute) return attributeField(attribute, required, use);
    const action = actionOfType(destination, type)!;
    const nested = action.arguments.find((a) => a.name === name)!;
    const [spec] = Object.values(this.argumentFields(destination, { ...action, arguments: [nested] }));
    return { ...spec!, description: `${spec!.description} ${use}` };
  }

}

/** The Pothos input field of a spec. */
export const inputField = (t: InputFieldBuilder, spec: FieldSpec) =>
  t.field({ type: (spec.list ? [spec.type] : spec.type) as never, required: spec.required, description: spec.description });

function attributeField(attribute: Attribute, required: boolean, use: string): FieldSpec {
  const notes = [attribute.description, use, attribute.defaultValue !== undefined ? 'Has a default when left out.' : undefined];
  return { type: scalarTypeName(attribute), list: false, required, description: notes.filter(Boolean).join(' ') };
}

function describeOperations(ops: ManagedOperations, arg: ManagedArgument): string {
  const { onLookup, onNoMatch, onMatch, onMissing } = arg.instructions;
  const parts: string[] = [];
  if (onLookup === 'relate' || onLookup === 'relate_and_update') parts.push(`an existing record named by ${arg.lookupBy.join(' or ')} is related${onLookup !== 'relate_and_update' ? '' : ops.update ? ' and updated' : ' (its link takes the join attributes)'}`);
  if (onMatch === 'update') parts.push('a record related already is updated');
  if (onMatch === 'unrelate') parts.push('a record related already is unrelated');
  if (onMatch === 'update_join') parts.push('the link of a record related already is updated');
  if (onMatch === 'destroy') parts.push('a record related already is destroyed');
  if (onMatch === 'error') parts.push('a record related already is an error');
  if (ops.create) parts.push(`an entry that names no existing record creates one`);
  if (onNoMatch === 'error') parts.push('an entry that finds nothing is an error');
  if (onMissing === 'unrelate') parts.push('related records left out are unrelated');
  if (onMissing === 'destroy') parts.push('related records left out are destroyed');
  return parts.join('; ');
}
