/**
 * Expected failures of an action, reported to clients with a stable code.
 * `path` leads into the action's input (list indexes as decimal strings);
 * `fields` names the input fields involved.
 */

/**
 * Every code an action error can carry, with what it means to a client. The
 * one list: `ErrorCode` is derived from it and the GraphQL enum `ErrorCode`
 * is built from it, so a code cannot be returned without being in the schema.
 */
export const ERROR_CODES = {
  INVALID_INPUT: 'The input is malformed or breaks a rule (a required field, a length, a duplicate key, an invariant); fix the value at `path`.',
  NOT_FOUND: 'No record with this id or key, or none the actor may read (the two are indistinguishable).',
  NOT_RELATED: 'The record named at `path` is not related, so it cannot be unrelated or matched.',
  STALE_RECORD: 'The record changed since `expectedVersion`; read it again and retry.',
  CONFLICT: 'The write clashes with existing data: a taken unique value, or records still pointing at one being destroyed.',
  FORBIDDEN: "The actor's policies do not allow this action, or this change of a field.",
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ActionError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly fields: readonly string[];
  readonly path: readonly string[];
}

export const actionError = (code: ErrorCode, message: string, path: readonly (string | number)[] = []): ActionError => {
  const steps = path.map(String);
  const field = [...steps].reverse().find((step) => !/^\d+$/.test(step));
  return { code, message, fields: field ? [field] : [], path: steps };
};

/**
 * No record `id` of `resource`, or none the actor may read: one text for both,
 * so that a refusal never tells a hidden record from a missing one.
 */
export const notFound = (resource: string, id: string, path: readonly (string | number)[]): ActionError =>
  actionError('NOT_FOUND', `No ${resource} with id "${id}".`, path);

/** A unique constraint the write breaks (e.g. a taken email): CONFLICT on those fields. */
export const uniqueConflict = (resource: string, fields: readonly string[]): ActionError => {
  const what = fields.length > 0 ? fields.join(' + ') : 'a unique key';
  return { ...actionError('CONFLICT', `Another ${resource} already has this ${what}.`, fields.length === 1 ? [fields[0]!] : []), fields: [...fields] };
};

/** Aborts an action (and its transaction) with expected errors. */
export class ActionFailed extends Error {
  constructor(readonly errors: readonly ActionError[]) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join('; '));
    this.name = 'ActionFailed';
  }
}
