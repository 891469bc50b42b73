/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Values for a new Item. */
export type CreateItemInput = {
  /** Comments to create on the new item. Absent: no change; `null` or `[]`: the empty set. */
  comments?: Array<ItemCreateCommentsInput> | null | undefined;
  /** Existing members to add, by `id` or `email`, each with a `role`. Absent: no change; `null` or `[]`: the empty set. */
  members?: Array<ItemCreateMembersInput> | null | undefined;
  /** Higher is more urgent. Has a default when left out. */
  priority?: number | null | undefined;
  /** Whether the work is still to do. Has a default when left out. */
  status?: ItemStatus | null | undefined;
  /** Short summary of the work. At most 500 characters. */
  title: string;
  /** The workspace: an existing one by `id`, or a new one from its fields (instead of `workspaceId`). Absent: no change; `null`: none. */
  workspace?: ItemCreateWorkspaceInput | null | undefined;
  /** Key of the related Workspace (relationship `workspace`). */
  workspaceId?: string | null | undefined;
};

/** Values for a new Workspace. */
export type CreateWorkspaceInput = {
  /** Display name. At most 200 characters. */
  name: string;
  /** Key of the related Member (relationship `owner`). */
  ownerId?: string | null | undefined;
  /** Items of a private workspace are readable only by their members; the workspace by them and its owner. Has a default when left out. */
  private?: boolean | null | undefined;
};

/** Why a mutation failed (`MutationError.code`). Request-level errors carry other codes in `extensions.code`. */
export type ErrorCode =
  /** The write clashes with existing data: a taken unique value, or records still pointing at one being destroyed. */
  | 'CONFLICT'
  /** The actor's policies do not allow this action, or this change of a field. */
  | 'FORBIDDEN'
  /** The input is malformed or breaks a rule (a required field, a length, a duplicate key, an invariant); fix the value at `path`. */
  | 'INVALID_INPUT'
  /** No record with this id or key, or none the actor may read (the two are indistinguishable). */
  | 'NOT_FOUND'
  /** The record named at `path` is not related, so it cannot be unrelated or matched. */
  | 'NOT_RELATED'
  /** The record changed since `expectedVersion`; read it again and retry. */
  | 'STALE_RECORD';

/** One Comment for `comments` of Item.create: an entry that names no existing record creates one. */
export type ItemCreateCommentsInput = {
  /** The text of the comment. Used when a new Comment is created. */
  body: string;
};

/** One Member for `members` of Item.create: an existing record named by id or email is related; an entry that finds nothing is an error. */
export type ItemCreateMembersInput = {
  /** Finds an existing Member by email (give one of id, email). */
  email?: string | null | undefined;
  /** Finds an existing Member by id (give one of id, email). */
  id?: string | null | undefined;
  /** What the member may do with the item. Set on the link (ItemMember) that relates the Member. Has a default when left out. */
  role?: ItemMemberRole | null | undefined;
};

/** One Workspace for `workspace` of Item.create: an existing record named by id is related; an entry that names no existing record creates one. */
export type ItemCreateWorkspaceInput = {
  /** Finds an existing Workspace by id. */
  id?: string | null | undefined;
  /** Display name. Used when a new Workspace is created. */
  name?: string | null | undefined;
  /** Key of the related Member (relationship `owner`). Used when a new Workspace is created. */
  ownerId?: string | null | undefined;
  /** Items of a private workspace are readable only by their members; the workspace by them and its owner. Used when a new Workspace is created. Has a default when left out. */
  private?: boolean | null | undefined;
};

/** What the member may do with the item. */
export type ItemMemberRole =
  /** Also changes who its members are, moves it to another workspace and destroys it. */
  | 'ADMIN'
  /** Also changes the item's fields, comments, dependencies and relations. */
  | 'EDITOR'
  /** Reads the item and comments on it. */
  | 'VIEWER';

/** Whether the work is still to do. */
export type ItemStatus =
  /** Finished. */
  | 'DONE'
  /** Still to do. */
  | 'OPEN';

/** One Member for `addMembers` of Item.update: an existing record named by id or email is related; an entry that finds nothing is an error. */
export type ItemUpdateAddMembersInput = {
  /** Finds an existing Member by email (give one of id, email). */
  email?: string | null | undefined;
  /** Finds an existing Member by id (give one of id, email). */
  id?: string | null | undefined;
  /** What the member may do with the item. Set on the link (ItemMember) that relates the Member. Has a default when left out. */
  role?: ItemMemberRole | null | undefined;
};

/** One Comment for `comments` of Item.update: a record related already is updated; an entry that names no existing record creates one; related records left out are destroyed. */
export type ItemUpdateCommentsInput = {
  /** The text of the comment. Used when a new Comment is created. Also changes a matched Comment. */
  body?: string | null | undefined;
  /** Finds an existing Comment by id. */
  id?: string | null | undefined;
};

/** One Member for `members` of Item.update: an existing record named by id or email is related; the link of a record related already is updated; an entry that finds nothing is an error; related records left out are unrelated. */
export type ItemUpdateMembersInput = {
  /** Finds an existing Member by email (give one of id, email). */
  email?: string | null | undefined;
  /** Finds an existing Member by id (give one of id, email). */
  id?: string | null | undefined;
  /** What the member may do with the item. Set on the link (ItemMember) that relates the Member, and updated on a link that exists already. Has a default when left out. */
  role?: ItemMemberRole | null | undefined;
};

/** One Member for `removeMembers` of Item.update: a record related already is unrelated; an entry that finds nothing is an error. */
export type ItemUpdateRemoveMembersInput = {
  /** Finds an existing Member by email (give one of id, email). */
  email?: string | null | undefined;
  /** Finds an existing Member by id (give one of id, email). */
  id?: string | null | undefined;
};

/** Changes to an Item; fields left out keep their value. */
export type UpdateItemInput = {
  /** Members to add; members already on the item stay as they are. Absent: no change; `null` or `[]`: the empty set. */
  addMembers?: Array<ItemUpdateAddMembersInput> | null | undefined;
  /** The complete list of comments: entries with an `id` update that comment, entries without one create a comment, comments left out are destroyed. Absent: no change; `null` or `[]`: the empty set. */
  comments?: Array<ItemUpdateCommentsInput> | null | undefined;
  /** The complete set of items this one depends on, by id. Absent: no change; `null` or `[]`: the empty set. */
  dependencies?: Array<string> | null | undefined;
  /** The complete set of members with their roles: members not yet on the item are added, members left out are removed, a changed `role` is updated. Absent: no change; `null` or `[]`: the empty set. */
  members?: Array<ItemUpdateMembersInput> | null | undefined;
  /** Higher is more urgent. */
  priority?: number | null | undefined;
  /** Members to remove; each must be on the item. Absent: no change; `null` or `[]`: the empty set. */
  removeMembers?: Array<ItemUpdateRemoveMembersInput> | null | undefined;
  /** Whether the work is still to do. */
  status?: ItemStatus | null | undefined;
  /** Short summary of the work. At most 500 characters. */
  title?: string | null | undefined;
  /** Key of the related Workspace (relationship `workspace`). */
  workspaceId?: string | null | undefined;
};

export type WorkspacesWithItemsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WorkspacesWithItemsQuery = { workspaces: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, name: string, private: boolean, items: Array<{ id: string, title: string, priority: number, status: ItemStatus, comments: Array<{ id: string, body: string }> }> } }> } };

export type ItemByIdQueryVariables = Exact<{
  id: string;
}>;


export type ItemByIdQuery = { item: { id: string, version: number, title: string, workspace: { name: string }, comments: Array<{ body: string }>, memberships: Array<{ role: ItemMemberRole, addedAt: string, member: { name: string, email: string } }>, dependencies: Array<{ id: string, title: string }>, relations: Array<
      | { __typename: 'Item', id: string, title: string }
      | { __typename: 'Milestone', id: string, name: string, dueAt: string | null }
    > } | null };

export type CreateWorkspaceMutationVariables = Exact<{
  input: CreateWorkspaceInput;
}>;


export type CreateWorkspaceMutation = { createWorkspace: { result: { id: string, version: number, name: string, private: boolean } | null, errors: Array<{ code: ErrorCode, message: string, fields: Array<string>, path: Array<string> }> } };

export type CreateItemMutationVariables = Exact<{
  input: CreateItemInput;
}>;


export type CreateItemMutation = { createItem: { result: { id: string, version: number, title: string, status: ItemStatus } | null, errors: Array<{ code: ErrorCode, message: string, fields: Array<string>, path: Array<string> }> } };

export type UpdateItemMutationVariables = Exact<{
  id: string;
  expectedVersion?: number | null | undefined;
  input: UpdateItemInput;
}>;


export type UpdateItemMutation = { updateItem: { result: { id: string, version: number, title: string, priority: number, status: ItemStatus, updatedAt: string } | null, errors: Array<{ code: ErrorCode, message: string, fields: Array<string>, path: Array<string> }> } };

export type DestroyItemMutationVariables = Exact<{
  id: string;
  expectedVersion?: number | null | undefined;
}>;


export type DestroyItemMutation = { destroyItem: { result: { id: string, version: number, title: string } | null, errors: Array<{ code: ErrorCode, message: string, fields: Array<string>, path: Array<string> }> } };


export const WorkspacesWithItemsDocument = {"__meta__":{"hash":"sha256:d5254aa0a0218044b93d65f3fb14b9aed8f27839c65711a2704f9c52d0e6fe70"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WorkspacesWithItems"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workspaces"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"private"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"comments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WorkspacesWithItemsQuery, WorkspacesWithItemsQueryVariables>;
export const ItemByIdDocument = {"__meta__":{"hash":"sha256:1c6f56edd7bde5c9f7078f0a9182941ad9caf740adb2967e33bc1aa1501cf2d7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ItemById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"item"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"workspace"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"comments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"body"}}]}},{"kind":"Field","name":{"kind":"Name","value":"memberships"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"addedAt"}},{"kind":"Field","name":{"kind":"Name","value":"member"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dependencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"relations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Item"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Milestone"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ItemByIdQuery, ItemByIdQueryVariables>;
export const CreateWorkspaceDocument = {"__meta__":{"hash":"sha256:b17efe2a34f36a8739dc73b1d6fa719964d3a7ba4036d2385095425bf1824a7a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateWorkspace"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateWorkspaceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWorkspace"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"private"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}},{"kind":"Field","name":{"kind":"Name","value":"path"}}]}}]}}]}}]} as unknown as DocumentNode<CreateWorkspaceMutation, CreateWorkspaceMutationVariables>;
export const CreateItemDocument = {"__meta__":{"hash":"sha256:7cf828f7189f0b6fd0861aaae84d7ca67a4514172f4ac65297d857fc3a3ada97"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateItemInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}},{"kind":"Field","name":{"kind":"Name","value":"path"}}]}}]}}]}}]} as unknown as DocumentNode<CreateItemMutation, CreateItemMutationVariables>;
export const UpdateItemDocument = {"__meta__":{"hash":"sha256:b06b5ee9fbc16f4933cfcc7df10ee4ab9747a27e06d1d000e84e7e47448989fe"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateItemInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}},{"kind":"Field","name":{"kind":"Name","value":"path"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateItemMutation, UpdateItemMutationVariables>;
export const DestroyItemDocument = {"__meta__":{"hash":"sha256:4d4fee965e4357291fff695de890f8de822defeb1a1fee256f259d1764a2e14b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DestroyItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"destroyItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}},{"kind":"Field","name":{"kind":"Name","value":"path"}}]}}]}}]}}]} as unknown as DocumentNode<DestroyItemMutation, DestroyItemMutationVariables>;