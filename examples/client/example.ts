/**
 * A tiny typed client of the reference app's GraphQL API.
 *
 * The documents and their result/variable types come from `./generated/`
 * (GraphQL Code Generator, `npm run codegen`, from `schema.graphql` and
 * `operations.graphql`). Everything below reads fields by name, so renaming a
 * field or changing its type in the schema makes this file fail to compile
 * once the types are regenerated; `test/codegen/client-types.test.ts` checks
 * exactly that.
 *
 * Needs only `fetch`, `graphql` (for `print`) and the types of
 * `@graphql-typed-document-node/core`.
 */
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  CreateItemDocument,
  CreateWorkspaceDocument,
  DestroyItemDocument,
  ItemByIdDocument,
  UpdateItemDocument,
  WorkspacesWithItemsDocument,
  type CreateItemInput,
  type ErrorCode,
  type ItemStatus,
  type WorkspacesWithItemsQuery,
} from './generated/graphql.js';

/** A GraphQL error in the response (as opposed to a `MutationError` in a payload). */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly errors: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number> }>,
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

/** The expected failures a mutation payload reports in `errors` (nothing was written). */
export interface MutationErrorShape {
  code: ErrorCode;
  message: string;
  fields: string[];
  path: string[];
}

export class MutationFailedError extends Error {
  constructor(readonly errors: ReadonlyArray<MutationErrorShape>) {
    super(errors.map((e) => `${e.code}: ${e.message}${e.path.length > 0 ? ` (at ${e.path.join('.')})` : ''}`).join('; '));
    this.name = 'MutationFailedError';
  }

  /** Someone else changed the record since it was read (`expectedVersion` did not match). */
  get stale(): boolean {
    return this.errors.some((e) => e.code === 'STALE_RECORD');
  }
}

/**
 * Where the API is, and the bearer token to send (a signed JWT; see the
 * project README, "Authentication"). A bare URL sends no token: anonymous
 * requests read public data and may only sign up.
 */
export type Endpoint = string | { readonly url: string; readonly token?: string };

/** POSTs one operation; resolves to its typed `data`, rejects on HTTP or GraphQL errors. */
export async function request<TResult, TVariables>(
  endpoint: Endpoint,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<TResult> {
  const { url, token } = typeof endpoint === 'string' ? { url: endpoint, token: undefined } : endpoint;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...init.headers,
    },
    body: JSON.stringify({ query: print(document), variables }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const body = (await response.json().catch(() => null)) as {
    data?: TResult | null;
    errors?: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number> }>;
  } | null;
  if (body?.errors && body.errors.length > 0) {
    throw new GraphQLRequestError(body.errors.map((e) => e.message).join('; '), body.errors);
  }
  if (!response.ok || body?.data == null) {
    throw new GraphQLRequestError(`HTTP ${response.status} ${response.statusText}: no data`, []);
  }
  return body.data;
}

/** Returns the record of a mutation payload, or throws its `errors`. */
function unwrap<T>(payload: { result: T | null; errors: MutationErrorShape[] }): T {
  if (payload.errors.length > 0 || payload.result === null) throw new MutationFailedError(payload.errors);
  return payload.result;
}

type WorkspaceNode = WorkspacesWithItemsQuery['workspaces']['edges'][number]['node'];

export function statusLabel(status: ItemStatus): string {
  switch (status) {
    case 'OPEN':
      return 'open';
    case 'DONE':
      return 'done';
    default: {
      // A new enum value in the schema makes this a type error after `npm run codegen`.
      const unknown: never = status;
      return unknown;
    }
  }
}

/** Every workspace (following `pageInfo.endCursor` page by page) with its items. */
export async function allWorkspaces(endpoint: Endpoint, pageSize = 20): Promise<WorkspaceNode[]> {
  const nodes: WorkspaceNode[] = [];
  let after: string | null = null;
  for (;;) {
    const page: WorkspacesWithItemsQuery = await request(endpoint, WorkspacesWithItemsDocument, { first: pageSize, after });
    for (const edge of page.workspaces.edges) nodes.push(edge.node);
    if (!page.workspaces.pageInfo.hasNextPage || page.workspaces.pageInfo.endCursor === null) return nodes;
    after = page.workspaces.pageInfo.endCursor;
  }
}

/** One line per workspace: name, item count, open items and the comments on its first item. */
export async function workspaceOverview(endpoint: Endpoint): Promise<string[]> {
  const { workspaces } = await request(endpoint, WorkspacesWithItemsDocument, { first: 10 });
  const lines = [`${workspaces.edges.length} of ${workspaces.totalCount} workspaces`];
  for (const { cursor, node } of workspaces.edges) {
    const open = node.items.filter((item) => item.status === 'OPEN');
    const urgent = [...open].sort((a, b) => b.priority - a.priority)[0];
    const firstComments = node.items[0]?.comments ?? [];
    lines.push(
      [
        `${node.private ? '[private] ' : ''}${node.name} (${node.id}, cursor ${cursor})`,
        `${node.items.length} items, ${open.length} open`,
        urgent ? `most urgent: ${urgent.title} (priority ${urgent.priority})` : 'nothing open',
        `first item's comments: ${firstComments.map((c) => c.body.slice(0, 40)).join(' | ') || 'none'}`,
      ].join('; '),
    );
  }
  return lines;
}

/** "Title — workspace (n comments, vN)", or null when there is no such item. */
export async function itemHeadline(endpoint: Endpoint, id: string): Promise<string | null> {
  const { item } = await request(endpoint, ItemByIdDocument, { id });
  if (item === null) return null;
  return `${item.title} — ${item.workspace.name} (${item.comments.length} comments, v${item.version})`;
}

/** Who works on an item and what it relates to: join attributes and a union, typed. */
export async function itemPeopleAndLinks(endpoint: Endpoint, id: string): Promise<string[] | null> {
  const { item } = await request(endpoint, ItemByIdDocument, { id });
  if (item === null) return null;
  const people = item.memberships.map((m) => `${m.member.name} <${m.member.email}> as ${m.role} since ${new Date(m.addedAt).toISOString()}`);
  const links = item.relations.map((target) =>
    target.__typename === 'Milestone' ? `milestone ${target.name}${target.dueAt ? ` due ${target.dueAt}` : ''}` : `item ${target.title}`,
  );
  return [...people, ...item.dependencies.map((d) => `after ${d.title}`), ...links];
}

export async function createWorkspace(endpoint: Endpoint, name: string, isPrivate = false): Promise<{ id: string; version: number }> {
  const data = await request(endpoint, CreateWorkspaceDocument, { input: { name, private: isPrivate } });
  const workspace = unwrap(data.createWorkspace);
  return { id: workspace.id, version: workspace.version };
}

/** Creates an item and returns its title in upper case (or the validation messages). */
export async function createItemShouting(endpoint: Endpoint, input: CreateItemInput): Promise<string> {
  const result = await request(endpoint, CreateItemDocument, { input });
  if (result.createItem.errors.length > 0) {
    return result.createItem.errors.map((e) => `${e.code} [${e.fields.join(', ')}]: ${e.message}`).join('\n');
  }
  return `${result.createItem.result?.title.toUpperCase() ?? ''} (${statusLabel(result.createItem.result?.status ?? 'OPEN')})`;
}

/**
 * Optimistic concurrency: read the item's version, then update with
 * `expectedVersion`; on STALE_RECORD re-read and try again (at most `attempts` times).
 */
export async function retitleItem(endpoint: Endpoint, id: string, title: string, attempts = 3): Promise<{ version: number; updatedAt: Date }> {
  for (let attempt = 1; ; attempt++) {
    const { item } = await request(endpoint, ItemByIdDocument, { id });
    if (item === null) throw new Error(`No item ${id}`);
    const { updateItem } = await request(endpoint, UpdateItemDocument, { id, expectedVersion: item.version, input: { title } });
    try {
      const updated = unwrap(updateItem);
      // DateTime is mapped to string (ISO-8601) by codegen.ts.
      return { version: updated.version, updatedAt: new Date(updated.updatedAt) };
    } catch (error) {
      if (!(error instanceof MutationFailedError && error.stale) || attempt >= attempts) throw error;
    }
  }
}

export async function destroyItem(endpoint: Endpoint, id: string, expectedVersion?: number): Promise<string> {
  const { destroyItem } = await request(endpoint, DestroyItemDocument, { id, expectedVersion: expectedVersion ?? null });
  return `destroyed "${unwrap(destroyItem).title}"`;
}

/**
 * Walk-through against a running server: create, read, update, list, destroy.
 * Writes need a signed-in member: pass a token (`npm run token -- ada@example.com`).
 */
export async function demo(endpoint: Endpoint = 'http://localhost:4000/graphql', log: (line: string) => void = console.log): Promise<void> {
  const workspace = await createWorkspace(endpoint, `Example client ${new Date().toISOString()}`);
  log(await createItemShouting(endpoint, { workspaceId: workspace.id, title: 'x'.repeat(501), priority: 1 }));
  const { createItem } = await request(endpoint, CreateItemDocument, {
    input: { workspaceId: workspace.id, title: 'Try the typed client', priority: 3, status: 'OPEN' },
  });
  const item = unwrap(createItem);
  log(`created ${item.title} v${item.version} (${statusLabel(item.status)})`);
  const { version } = await retitleItem(endpoint, item.id, 'Tried the typed client');
  log(`retitled to v${version}: ${(await itemHeadline(endpoint, item.id)) ?? 'gone?'}`);
  for (const line of await workspaceOverview(endpoint)) log(line);
  log(await destroyItem(endpoint, item.id, version));
}
