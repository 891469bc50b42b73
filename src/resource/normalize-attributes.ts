import type { AttributeDefinition } from './attributes';
import type { ResourceDefinition } from './define';
import type { Attribute, DefaultValue } from './normalized';
import { isCamelCase, upperFirst } from './naming';

export const SYSTEM_FIELDS = ['id', 'version', 'createdAt', 'updatedAt'] as const;

const system = (name: string, type: Attribute['type']): Attribute =>
  Object.freeze({
    name, type, required: true, defaultValue: undefined, public: true, writable: false,
    maxLength: undefined, values: undefined, enumName: undefined, description: undefined, system: true, keyOf: undefined,
    unique: name === 'id',
  });

const SYSTEM_ATTRIBUTES: readonly Attribute[] = [
  system('id', 'uuid'), system('version', 'int'), system('createdAt', 'datetime'), system('updatedAt', 'datetime'),
];

export interface AttributeLimits {
  /** Longest string accepted when an attribute sets no `maxLength`. */
  readonly maxStringLength: number;
}

/**
 * Normalizes the declared attributes of one resource plus the key attributes
 * its belongsTo relationships define. Problems are pushed onto `problems`.
 */
export function normalizeAttributes(
  def: ResourceDefinition,
  limits: AttributeLimits,
  problems: string[],
): Attribute[] {
  const result = [...SYSTEM_ATTRIBUTES];
  const taken = new Set<string>(SYSTEM_FIELDS);
  const add = (attribute: Attribute) => {
    if (taken.has(attribute.name)) {
      const why = (SYSTEM_FIELDS as readonly string[]).includes(attribute.name)
        ? 'is reserved for a field the framework maintains'
        : 'is defined twice';
      problems.push(`${def.name}.${attribute.name}: the name "${attribute.name}" ${why}; rename it.`);
      return;
    }
    taken.add(attribute.name);
    result.push(attribute);
  };

  for (const [name, attr] of Object.entries(def.attributes)) {
    const normalized = normalizeAttribute(def.name, name, attr, limits, problems);
    if (normalized) add(normalized);
  }
  for (const [name, rel] of Object.entries(def.relationships ?? {})) {
    if (rel.kind !== 'belongsTo') continue;
    const key = rel.options.attribute ?? `${name}Id`;
    add(Object.freeze({
      name: key, type: 'uuid', required: rel.options.required ?? true, defaultValue: undefined,
      public: rel.options.public ?? true, writable: rel.options.attributeWritable ?? true,
      maxLength: undefined, values: undefined, enumName: undefined,
      description: `Key of the related ${rel.destination} (relationship \`${name}\`).`, system: false, keyOf: name,
      unique: false,
    }));
  }
  return result;
}

export function normalizeAttribute(
  resource: string,
  name: string,
  attr: AttributeDefinition,
  limits: AttributeLimits,
  problems: string[],
): Attribute | undefined {
  const where = `${resource}.${name}`;
  if (!attr || attr.kind !== 'attribute') {
    problems.push(`${where}: expected an attribute built with attribute.string(), attribute.int(), ... but got: ${JSON.stringify(attr)}.`);
    return undefined;
  }
  if (!isCamelCase(name)) problems.push(`${where}: attribute names must be camelCase (letters and digits, starting lower-case).`);
  const { options } = attr;
  if (attr.type === 'enum') {
    const values = attr.values ?? [];
    if (values.length === 0) problems.push(`${where}: an enum needs at least one value.`);
    for (const value of values) {
      if (!/^[A-Z][A-Z0-9_]*$/.test(value)) problems.push(`${where}: enum value "${value}" must be UPPER_SNAKE_CASE.`);
    }
    for (const described of Object.keys(options.valueDescriptions ?? {})) {
      if (!values.includes(described)) problems.push(`${where}: valueDescriptions names "${described}", which is not one of ${values.join(', ')}.`);
    }
  }
  const maxLength = attr.type === 'string' ? (options.maxLength ?? limits.maxStringLength) : undefined;
  if (maxLength !== undefined && (!Number.isInteger(maxLength) || maxLength < 1)) {
    problems.push(`${where}: maxLength must be a positive integer but got: ${maxLength}.`);
  }
  const fallback = options.default;
  const defaultValue = fallback === undefined ? undefined : typeof fallback === 'function' ? (fallback as DefaultValue) : () => fallback;
  if (attr.type === 'enum' && fallback !== undefined && typeof fallback !== 'function' && !attr.values?.includes(fallback as string)) {
    problems.push(`${where}: default ${JSON.stringify(fallback)} is not one of ${attr.values?.join(', ')}.`);
  }
  return Object.freeze({
    name,
    type: attr.type,
    required: options.required ?? false,
    defaultValue,
    public: options.public ?? true,
    writable: options.writable ?? true,
    maxLength,
    values: attr.values ? Object.freeze([...attr.values]) : undefined,
    enumName: attr.type === 'enum' ? (options.enumName ?? `${resource}${upperFirst(name)}`) : undefined,
    valueDescriptions: attr.type === 'enum' && options.valueDescriptions ? Object.freeze({ ...options.valueDescriptions }) : undefined,
    description: options.description,
    system: false,
    keyOf: undefined,
    unique: options.unique ?? false,
  });
}
