/**
 * Expected failures of an action, reported to clients with a stable code.
 * `path` leads into the action's input (list indexes as decimal strings);
 * `fields` names the input fields involved.
 */

export type ErrorCode = 'INVALID_INPUT' | 'NOT_FOUND' | 'NOT_RELATED' | 'STALE_RECORD' | 'CONFLICT' | 'FORBIDDEN';

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
