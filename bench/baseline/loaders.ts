/**
 * The baseline's per-request DataLoaders: each batch is one SQL statement (see sql.ts).
 * To-many loaders are keyed by their limit, so fields with different limits never share
 * a batch.
 */
import DataLoader from 'dataloader';
import type { SqlClient } from '../sql-client';
import {
  itemComments,
  itemMembers,
  itemsByIdSql,
  toManySql,
  workspaceItems,
  workspacesByIdSql,
  type ChildRow,
  type CommentRow,
  type ItemRow,
  type MemberRow,
  type WorkspaceRow,
} from './sql';

export interface BaselineLoaders {
  workspaceById: DataLoader<string, WorkspaceRow | null>;
  itemById: DataLoader<string, ItemRow | null>;
  itemsOfWorkspace(limit: number | null): DataLoader<string, ItemRow[]>;
  commentsOfItem(limit: number | null): DataLoader<string, CommentRow[]>;
  membersOfItem(limit: number | null): DataLoader<string, MemberRow[]>;
}

export function createLoaders(sql: SqlClient): BaselineLoaders {
  const byId = <Row extends { id: string }>(statement: string) =>
    new DataLoader<string, Row | null>(async (ids) => {
      const rows = await sql.query<Row>(statement, [ids]);
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    });

  const toMany = <Row>(rel: Parameters<typeof toManySql>[0]) => {
    const byLimit = new Map<number | null, DataLoader<string, Row[]>>();
    return (limit: number | null) => {
      let loader = byLimit.get(limit);
      if (!loader) {
        const statement = toManySql(rel, limit !== null);
        loader = new DataLoader<string, Row[]>(async (parentIds) => {
          const rows = await sql.query<ChildRow<Row>>(statement, limit === null ? [parentIds] : [parentIds, limit]);
          return groupByParent(parentIds, rows);
        });
        byLimit.set(limit, loader);
      }
      return loader;
    };
  };

  return {
    workspaceById: byId<WorkspaceRow>(workspacesByIdSql),
    itemById: byId<ItemRow>(itemsByIdSql),
    itemsOfWorkspace: toMany<ItemRow>(workspaceItems),
    commentsOfItem: toMany<CommentRow>(itemComments),
    membersOfItem: toMany<MemberRow>(itemMembers),
  };
}

/**
 * Rows grouped under their parent, in `parentIds` order; [] for a parent without rows.
 * Keeps row order. Rows keep their extra "parentId" column (GraphQL never exposes it).
 */
function groupByParent<Row>(parentIds: readonly string[], rows: readonly ChildRow<Row>[]): Row[][] {
  const groups = new Map<string, Row[]>(parentIds.map((id) => [id, []]));
  for (const row of rows) groups.get(row.parentId)?.push(row);
  return parentIds.map((id) => groups.get(id)!);
}
