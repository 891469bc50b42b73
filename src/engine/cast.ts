import type { JsonValue, Payload } from '../events/types';
import type { Action, Attribute, Resource } from '../resource';
import { actionError, type ActionError } from './errors';
import { isUuid } from './query-errors';

const INT4_MIN = -2147483648;
const INT4_MAX = 2147483647;

export type CastResult = { ok: true; payload: Payload } | { ok: false; errors: ActionError[] };

/**
 * Casts and validates an action's input into its event payload (JSON).
 * Pure. Reports every problem, each with the path of the offending field.
 *
 * create: every accepted attribute ends up in the payload (default or null
 * when absent); a required attribute without default must be given.
 * update: only the attributes present in the input; a required one cannot be
 * set to null. custom: like create, over the action's own input fields.
 */
export function castInput(resource: Resource, action: Action, input: Record<string, unknown>, now: Date): CastResult {
  const errors: ActionError[] = [];
  const payload: Payload = {};
  const accepted = new Set(action.accept);

  for (const key of Object.keys(input)) {
    if (!accepted.has(key)) {
      errors.push(actionError('INVALID_INPUT', `Unknown field "${key}" for ${resource.name}.${action.name}; accepted fields: ${action.accept.join(', ') || 'none'}.`, [key]));
    }
  }
  const complete = action.type === 'create' || action.type === 'custom';
  for (const name of action.accept) {
    const attribute = (action.inputByName.get(name) ?? resource.attributeByName.get(name))!;
    const given = Object.prototype.hasOwnProperty.call(input, name) && input[name] !== undefined;
    if (!given) {
      if (!complete) continue;
      const fallback = attribute.defaultValue?.({ now });
      if (fallback === undefined && attribute.required) {
        errors.push(actionError('INVALID_INPUT', `${name} is required.`, [name]));
        continue;
      }
      payload[name] = fallback === undefined ? null : (encode(attribute, fallback) as JsonValue);
      continue;
    }
    const value = input[name];
    if (value === null) {
      if (attribute.required) errors.push(actionError('INVALID_INPUT', `${name} is required and cannot be null.`, [name]));
      else payload[name] = null;
      continue;
    }
    const problem = checkValue(attribute, value);
    if (problem) errors.push(actionError('INVALID_INPUT', `${name} ${problem}`, [name]));
    else payload[name] = encode(attribute, value) as JsonValue;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, payload };
}

/** Why `value` does not fit `attribute`, or undefined when it fits. */
function checkValue(attribute: Attribute, value: unknown): string | undefined {
  const got = `but got: ${describe(value)}`;
  switch (attribute.type) {
    case 'string':
      if (typeof value !== 'string') return `must be a string ${got}.`;
      if (attribute.maxLength !== undefined && value.length > attribute.maxLength) {
        return `must be at most ${attribute.maxLength} characters but has ${value.length}.`;
      }
      return undefined;
    case 'int':
      return Number.isInteger(value) && (value as number) >= INT4_MIN && (value as number) <= INT4_MAX
        ? undefined
        : `must be a 32-bit integer ${got}.`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false ${got}.`;
    case 'enum':
      return typeof value === 'string' && attribute.values!.includes(value)
        ? undefined
        : `must be one of ${attribute.values!.join(', ')} ${got}.`;
    case 'uuid':
      return isUuid(value) ? undefined : `must be a UUID ${got}.`;
    case 'datetime': {
      const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
      return date && !Number.isNaN(date.getTime()) ? undefined : `must be an ISO-8601 date-time ${got}.`;
    }
    case 'json':
      return undefined;
  }
}

/** The JSON form of a valid value, as carried in event payloads. */
function encode(attribute: Attribute, value: unknown): unknown {
  if (attribute.type === 'datetime') return new Date(value as string | Date).toISOString();
  if (attribute.type === 'uuid') return (value as string).toLowerCase();
  return value;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
