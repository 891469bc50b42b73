/** Naming helpers shared by the domain and the layers that derive names from it. */

export const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
export const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export const isPascalCase = (s: string): boolean => /^[A-Z][A-Za-z0-9]*$/.test(s);
export const isCamelCase = (s: string): boolean => /^[a-z][A-Za-z0-9]*$/.test(s);

/** "a Workspace", "an Item". */
export const withArticle = (noun: string): string => `${/^[AEIOU]/i.test(noun) ? 'an' : 'a'} ${noun}`;
