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

/** Aborts an action (and its transaction) with expected errors. */
export class ActionFailed extends Error {
  constructor(readonly errors: readonly ActionError[]) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join('; '));
    this.name = 'ActionFailed';
  }
}
