import type { GraphiQLOptions } from 'graphql-yoga';
import { DEFAULT_TABS } from './default-tabs';

/**
 * What the GraphiQL page at /graphql shows: the app's title and the example
 * tabs (the first one says how to act as a demo member). GraphiQL keeps a
 * visitor's own tabs in local storage; these are what a first visit opens.
 */
export const graphiqlPageOptions: GraphiQLOptions = {
  title: 'Evented GraphQL',
  defaultTabs: DEFAULT_TABS.map((tab) => ({ query: tab.query, variables: tab.variables ?? null })),
};
