import type { AttributeDefinition } from './attributes';
import type { ManagedArgumentDefinition } from './manage';

/** Action builders. Every resource gets create / update / destroy unless it lists its own. */

/** `custom`: an action with its own input and change logic on an existing record (Spector's custom actions). */
export type ActionType = 'create' | 'update' | 'destroy' | 'custom';

/** A record's state as custom action logic sees it: system fields, attributes and virtual fields. */
export type StateView = Readonly<Record<string, unknown>> & { readonly id: string; readonly version: number };

/** A record a custom action's input names, which must exist when it runs. */
export interface InputReference {
  readonly resource: string;
  readonly id: string;
  /** The input field that names it (the error path). */
  readonly field: string;
}

/** A problem a custom action finds with its input against the current state. */
export interface CustomActionProblem {
  readonly code: 'INVALID_INPUT' | 'NOT_FOUND' | 'NOT_RELATED' | 'CONFLICT';
  readonly message: string;
  /** The input field at fault, when there is one. */
  readonly field?: string;
}

/** Facts about the event being applied, for change logic that records them (e.g. when a relation was added). */
export interface EventFacts {
  readonly id: string;
  readonly occurredAt: Date;
}

export interface CustomActionOptions {
  description?: string;
  /** The action's input fields, typed like attributes; the cast input is the event payload. */
  input: Readonly<Record<string, AttributeDefinition>>;
  /** Records the input names; each must exist (else NOT_FOUND at its field). */
  references?: (input: Readonly<Record<string, unknown>>) => readonly InputReference[];
  /** Pure: problems with applying the input to this state (nothing is written when there are any). */
  validate?: (state: StateView, input: Readonly<Record<string, unknown>>) => readonly CustomActionProblem[];
  /**
   * Pure: the fields of the state the event sets (attributes and virtual
   * fields). The write path and replay both call it, through the fold.
   */
  change: (state: StateView, input: Readonly<Record<string, unknown>>, event: EventFacts) => Readonly<Record<string, unknown>>;
}

export interface ActionOptions {
  /** Attributes the action accepts; default: every writable attribute. */
  accept?: readonly string[];
  /** Arguments that manage relationships (create / update only), by argument name. */
  arguments?: Readonly<Record<string, ManagedArgumentDefinition>>;
  description?: string;
}

export interface CreateActionOptions extends ActionOptions {
  /**
   * A belongsTo relationship set to the acting person when the input does not
   * set its key (Ash `relate_actor`): e.g. `relateActor: 'owner'` gives a new
   * workspace `ownerId` = the signed-in actor. Services and anonymous requests
   * set nothing. The key is written into the event payload like any input, so
   * replay reproduces it; it does not count as `changing`.
   */
  relateActor?: string;
}

export interface ActionDefinition {
  readonly type: ActionType;
  readonly options: CreateActionOptions | CustomActionOptions;
}

export const action = {
  create: (options: CreateActionOptions = {}): ActionDefinition => Object.freeze({ type: 'create', options: { ...options } }),
  update: (options: ActionOptions = {}): ActionDefinition => Object.freeze({ type: 'update', options: { ...options } }),
  destroy: (options: Omit<ActionOptions, 'accept' | 'arguments'> = {}): ActionDefinition =>
    Object.freeze({ type: 'destroy', options: { ...options } }),
  /** An action of its own on an existing record, recorded under its name and replayed through `change`. */
  custom: (options: CustomActionOptions): ActionDefinition => Object.freeze({ type: 'custom', options: { ...options } }),
};

export const defaultActions = (): Record<string, ActionDefinition> => ({
  create: action.create(),
  update: action.update(),
  destroy: action.destroy(),
});
