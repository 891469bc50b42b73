/**
 * Filters of noAttributes relationships, which relate records by the parent's
 * values (Ash `parent(...)`): `{ workspaceId: { eq: parent('workspaceId') },
 * priority: { gt: parent('priority') } }`. Every condition must hold.
 */

export const PARENT_FILTER_OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte'] as const;
export type ParentFilterOperator = (typeof PARENT_FILTER_OPERATORS)[number];

/** A reference to an attribute of the parent record. */
export interface ParentRef {
  readonly parentAttribute: string;
}

export const parent = (attribute: string): ParentRef => Object.freeze({ parentAttribute: attribute });

export const isParentRef = (value: unknown): value is ParentRef =>
  typeof value === 'object' && value !== null && 'parentAttribute' in value;

/** Destination attribute -> operator -> a constant or a parent attribute. */
export type ParentFilter = Readonly<Record<string, Partial<Record<ParentFilterOperator, unknown>>>>;

export interface ParentCondition {
  /** Destination attribute. */
  readonly attribute: string;
  readonly operator: ParentFilterOperator;
  readonly value: unknown | ParentRef;
}

/** The filter as a flat list of conditions. */
export const parentConditions = (filter: ParentFilter): ParentCondition[] =>
  Object.entries(filter).flatMap(([attribute, operators]) =>
    Object.entries(operators ?? {}).map(([operator, value]) => ({ attribute, operator: operator as ParentFilterOperator, value })),
  );
