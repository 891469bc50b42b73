import { AUTHORIZATION_HEADER_EXAMPLE, TOKEN_COMMAND } from './demo-member';

/** One GraphiQL tab as the page opens it (Yoga's `GraphiQLOptions['defaultTabs']` entry). */
export interface GraphiQLTab {
  readonly query: string;
  /** JSON text for the Variables editor. */
  readonly variables?: string;
}

const signInHint = `# Reads work anonymously (public data only). Writes need a signed-in member:
#   1. in a terminal:  ${TOKEN_COMMAND}
#   2. paste the line it prints into the Headers tab below:
#        ${AUTHORIZATION_HEADER_EXAMPLE}
#   Signed in as Ada, the private "Hiring" workspace appears here too.`;

/** Nested read: workspaces -> items -> comments and members, one SQL statement per level. */
const nestedRead: GraphiQLTab = {
  query: `${signInHint}
#
# A nested read: workspaces, their items, each item's comments and members
# (one statement per level however many records, batched by DataLoader).
query WorkspacesWithItems {
  workspaces(first: 5) {
    totalCount
    edges {
      node {
        name
        private
        items(sort: [{ field: PRIORITY, order: DESC }], limit: 5) {
          title
          status
          priority
          comments {
            body
          }
          memberships {
            role
            member {
              name
            }
          }
        }
      }
    }
  }
}
`,
};

/** Nested mutation: an item with a new workspace, comments and members, one transaction. */
const nestedMutation: GraphiQLTab = {
  query: `# A nested mutation (needs a token: ${TOKEN_COMMAND}, then the Headers tab).
# One transaction: a new workspace inline, the item, its comments, and demo
# members related by email with a role; one event per record. A failed
# write returns \`errors\` with a code and the input path, and writes nothing.
mutation CreateItemWithComments($title: String!, $workspace: String!, $comments: [ItemCreateCommentsInput!], $members: [ItemCreateMembersInput!]) {
  createItem(input: { title: $title, workspace: { name: $workspace }, comments: $comments, members: $members }) {
    result {
      id
      title
      version
      workspace {
        name
      }
      comments {
        body
      }
      memberships {
        role
        member {
          name
        }
      }
    }
    errors {
      code
      message
      path
    }
  }
}
`,
  variables: `${JSON.stringify(
    {
      title: 'Try the nested mutation',
      workspace: 'Playground',
      comments: [{ body: 'First comment' }, { body: 'Second comment' }],
      members: [{ email: 'ada@example.com', role: 'ADMIN' }],
    },
    null,
    2,
  )}\n`,
};

/** History and time travel: the events of a record, and the record folded up to a time. */
const historyAndTimeTravel: GraphiQLTab = {
  query: `# Every write is an event. Run ItemHistory: the item with the most events
# and its history. Then copy its id and the occurredAt of one of its events
# into the variables and run ItemAsOf: the item as it was at that time
# (its events up to then, folded), next to the item as it is now.
query ItemHistory {
  items(first: 1, sort: [{ field: VERSION, order: DESC }]) {
    edges {
      node {
        id
        title
        version
        history(first: 10) {
          edges {
            node {
              version
              action
              payload
              actor
              occurredAt
            }
          }
        }
      }
    }
  }
}

query ItemAsOf($id: ID!, $asOf: DateTime!) {
  then: item(id: $id, asOf: $asOf) {
    title
    version
    updatedAt
    relations {
      __typename
    }
  }
  now: item(id: $id) {
    title
    version
    updatedAt
  }
}
`,
  variables: `${JSON.stringify({ id: 'paste the id from ItemHistory', asOf: 'paste an occurredAt from ItemHistory' }, null, 2)}\n`,
};

/**
 * The tabs GraphiQL opens with (until the browser has tabs of its own in
 * local storage). Each query must validate against the app's schema: a
 * test parses and validates every one.
 */
export const DEFAULT_TABS: readonly GraphiQLTab[] = [nestedRead, nestedMutation, historyAndTimeTravel];
