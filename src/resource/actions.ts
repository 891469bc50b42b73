import type { ManagedArgumentDefinition } from './manage';

/** Action builders. Every resource gets create / update / destroy unless it lists its own. */

export type ActionType = 'create' | 'update' | 'destroy';

export interface ActionOptions {
  /** Attributes the action accepts; default: every writable attribute. */
  accept?: readonly string[];
  /** Arguments that manage relationships (create / update only), by argument name. */
  arguments?: Readonly<Record<string, ManagedArgumentDefinition>>;
  description?: string;
}

export interface ActionDefinition {
  readonly type: ActionType;
  readonly options: ActionOptions;
}

export const action = {
  create: (options: ActionOptions = {}): ActionDefinition => Object.freeze({ type: 'create', options: { ...options } }),
  update: (options: ActionOptions = {}): ActionDefinition => Object.freeze({ type: 'update', options: { ...options } }),
  destroy: (options: Omit<ActionOptions, 'accept' | 'arguments'> = {}): ActionDefinition =>
    Object.freeze({ type: 'destroy', options: { ...options } }),
};

export const defaultActions = (): Record<string, ActionDefinition> => ({
  create: action.create(),
  update: action.update(),
  destroy: action.destroy(),
});
