import type { Attribute, Resource } from '../resource';

export interface SortInput {
  /** Attribute name. */
  readonly field: string;
  readonly order?: 'ASC' | 'DESC' | null;
}

/** Attributes a resource can be sorted by: every public attribute except JSON ones. */
export const sortableAttributes = (resource: Resource): Attribute[] =>
  resource.attributes.filter((a) => a.public && a.type !== 'json');
