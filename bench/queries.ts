/**
 * The two benchmark queries, sent with the exact same text to both
 * servers. `Item.members` is part of both unless our schema lacks it (while the
 * many-to-many is being built): then both run without it, and the report says so.
 */
export interface BenchQuery {
  readonly name: 'Q1' | 'Q2';
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

export function benchQueries(probeItemId: string, withMembers: boolean): BenchQuery[] {
  const members = withMembers ? ' members { name }' : '';
  return [
    {
      name: 'Q1',
      query: `{ workspaces(first: 10) { edges { node { id name items(limit: 100) { id title comments { body }${members} } } } } }`,
    },
    {
      name: 'Q2',
      query: `query($id: ID!) { item(id: $id) { id title workspace { name } comments { body }${members} } }`,
      variables: { id: probeItemId },
    },
  ];
}

/** The POST body of a query, as both the checks and the load generator send it. */
export const requestBody = (q: BenchQuery): string => JSON.stringify({ query: q.query, variables: q.variables ?? {} });
