/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query WorkspacesWithItems($first: Int, $after: String) {\n  workspaces(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        name\n        private\n        items {\n          id\n          title\n          priority\n          status\n          comments {\n            id\n            body\n          }\n        }\n      }\n    }\n  }\n}\n\nquery ItemById($id: ID!) {\n  item(id: $id) {\n    id\n    version\n    title\n    workspace {\n      name\n    }\n    comments {\n      body\n    }\n  }\n}\n\nmutation CreateWorkspace($input: CreateWorkspaceInput!) {\n  createWorkspace(input: $input) {\n    result {\n      id\n      version\n      name\n      private\n    }\n    errors {\n      code\n      message\n      fields\n      path\n    }\n  }\n}\n\nmutation CreateItem($input: CreateItemInput!) {\n  createItem(input: $input) {\n    result {\n      id\n      version\n      title\n      status\n    }\n    errors {\n      code\n      message\n      fields\n      path\n    }\n  }\n}\n\nmutation UpdateItem($id: ID!, $expectedVersion: Int, $input: UpdateItemInput!) {\n  updateItem(id: $id, expectedVersion: $expectedVersion, input: $input) {\n    result {\n      id\n      version\n      title\n      priority\n      status\n      updatedAt\n    }\n    errors {\n      code\n      message\n      fields\n      path\n    }\n  }\n}\n\nmutation DestroyItem($id: ID!, $expectedVersion: Int) {\n  destroyItem(id: $id, expectedVersion: $expectedVersion) {\n    result {\n      id\n      version\n      title\n    }\n    errors {\n      code\n      message\n      fields\n      path\n    }\n  }\n}": typeof types.WorkspacesWithItemsDocument,
};
const documents: Documents = {
    "query WorkspacesWithItems($first: Int, $after: String) {\n  workspaces(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        name\n        private\n        items {\n          id\n          title\n          priority\n          status\n          comments {\n            id\n            body\n          }\n        }\n      }\n    }\n  }\n}\n\nquery ItemById($id: ID!) {\n  item(id: $id) {\n    id\n    version\n    title\n    workspace {\n      name\n    }\n    comments {\n      body\n    }\n  }\n}\n\nmutation CreateWorkspace($input: CreateWorkspaceInput!) {\n  createWorkspace(input: $input) {\n    result {\n      id\n      version\n      name\n      private\n    }\n    errors {\n      code\n      message\n      fields\n      path\n    }\n  }\n}\n\nmutation CreateItem($input: CreateItemInput!) {\n  createItem(input: $input) {\n    result {\n      id\n      version\n      title\n      status\n    }\n    errors {\n      code\n      message\n      fields\n      path\n    }\n  }\n}\n\nmutation UpdateItem($id: ID!, $expectedVersion: Int, $input: UpdateItemInput!) {\n  updateItem(id: $id, expectedVersion: $expectedVersion, input: $input) {\n    result {\n      id\n      version\n      title\n      priority\n      status\n      updatedAt\n    }\n    errors {\n      code\n      message\n      fields\n      path\n    }\n  }\n}\n\nmutation DestroyItem($id: ID!, $expectedVersion: Int) {\n  destroyItem(id: $id, expectedVersion: $expectedVersion) {\n    result {\n      id\n      version\n      title\n    }\n    errors {\n      code\n      message\n      fields\n      path\n    }\n  }\n}": types.WorkspacesWithItemsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkspacesWithItems($first: Int, $after: String) {\n  workspaces(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        name\n        private\n        items {\n          id\n          title\n          priority\n          status\n          comments {\n            id\n            body\n          }\n        }\n      }\n    }\n  }\n}\n\nquery ItemById($id: ID!) {\n  item(id: $id) {\n    id\n    version\n    title\n    workspace {\n      name\n    }\n    comments {\n      body\n    }\n  }\n}\n\nmutation CreateWorkspace($input: CreateWorkspaceInput!) {\n  createWorkspace(input: $input) {\n    result {\n      id\n      version\n      name\n      private\n    }\n    errors {\n      code\n      message\n      fields\n      path\n    }\n  }\n}\n\nmutation CreateItem($input: CreateItemInput!) {\n  createItem(input: $input) {\n    result {\n      id\n      version\n      title\n      status\n    }\n    errors {\n      code\n      message\n      fields\n      path\n    }\n  }\n}\n\nmutation UpdateItem($id: ID!, $expectedVersion: Int, $input: UpdateItemInput!) {\n  updateItem(id: $id, expectedVersion: $expectedVersion, input: $input) {\n    result {\n      id\n      version\n      title\n      priority\n      status\n      updatedAt\n    }\n    errors {\n      code\n      message\n      fields\n      path\n    }\n  }\n}\n\nmutation DestroyItem($id: ID!, $expectedVersion: Int) {\n  destroyItem(id: $id, expectedVersion: $expectedVersion) {\n    result {\n      id\n      version\n      title\n    }\n    errors {\n      code\n      message\n      fields\n      path\n    }\n  }\n}"): (typeof documents)["query WorkspacesWithItems($first: Int, $after: String) {\n  workspaces(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        name\n        private\n        items {\n          id\n          title\n          priority\n          status\n          comments {\n            id\n            body\n          }\n        }\n      }\n    }\n  }\n}\n\nquery ItemById($id: ID!) {\n  item(id: $id) {\n    id\n    version\n    title\n    workspace {\n      name\n    }\n    comments {\n      body\n    }\n  }\n}\n\nmutation CreateWorkspace($input: CreateWorkspaceInput!) {\n  createWorkspace(input: $input) {\n    result {\n      id\n      version\n      name\n      private\n    }\n    errors {\n      code\n      message\n      fields\n      path\n    }\n  }\n}\n\nmutation CreateItem($input: CreateItemInput!) {\n  createItem(input: $input) {\n    result {\n      id\n      version\n      title\n      status\n    }\n    errors {\n      code\n      message\n      fields\n      path\n    }\n  }\n}\n\nmutation UpdateItem($id: ID!, $expectedVersion: Int, $input: UpdateItemInput!) {\n  updateItem(id: $id, expectedVersion: $expectedVersion, input: $input) {\n    result {\n      id\n      version\n      title\n      priority\n      status\n      updatedAt\n    }\n    errors {\n      code\n      message\n      fields\n      path\n    }\n  }\n}\n\nmutation DestroyItem($id: ID!, $expectedVersion: Int) {\n  destroyItem(id: $id, expectedVersion: $expectedVersion) {\n    result {\n      id\n      version\n      title\n    }\n    errors {\n      code\n      message\n      fields\n      path\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;