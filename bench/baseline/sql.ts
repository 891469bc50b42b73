/**
 * The baseline's SQL, written by hand: one statement per relationship level for all
 * parents at once (`= ANY($1)`), with per-parent limits through a window function.
 * Every to-many statement returns the parent key as "parentId" and rows in the order
 * the API promises (by id; members by member id), so grouping keeps that order.
 */

export interface WorkspaceRow { id: string; name: string }
export interface ItemRow { id: string; title: string; workspaceId: string }
export interface CommentRow { id: string; body: string }
export interface MemberRow { id: string; name: string; email: string }
export type ChildRow<Row> = Row & { parentId: string };

/** How one to-many relationship is read: `select` and `from` must expose `parentKey` and `orderKey`. */
interface ToMany {
  readonly select: string;
  readonly from: string;
  readonly parentKey: string;
  readonly orderKey: string;
}

/**
 * The statement for one level: $1 = parent ids (uuid[]), and with a limit, $2 = rows per
 * parent. Without a limit it is a plain `= ANY($1)` scan; with one, rows are numbered per
 * parent (`row_number() over (partition by parent order by key)`) and cut at the limit.
 */
export function toManySql(rel: ToMany, withLimit: boolean): string {
  const columns = `${rel.parentKey} AS "parentId", ${rel.select}`;
  const where = `${rel.parentKey} = ANY($1::uuid[])`;
  if (!withLimit) return `SELECT ${columns} FROM ${rel.from} WHERE ${where} ORDER BY ${rel.parentKey}, ${rel.orderKey}`;
  return (
    `SELECT * FROM (SELECT ${columns}, row_number() OVER (PARTITION BY ${rel.parentKey} ORDER BY ${rel.orderKey}) AS "rowNumber" ` +
    `FROM ${rel.from} WHERE ${where}) AS ranked WHERE "rowNumber" <= $2 ORDER BY "parentId", "rowNumber"`
  );
}

export const workspaceItems: ToMany = {
  select: 'i.id, i.title, i."workspaceId"',
  from: '"Item" AS i',
  parentKey: 'i."workspaceId"',
  orderKey: 'i.id',
};

export const itemComments: ToMany = {
  select: 'c.id, c.body',
  from: '"Comment" AS c',
  parentKey: 'c."itemId"',
  orderKey: 'c.id',
};

/** Many-to-many through the join table ItemMember. */
export const itemMembers: ToMany = {
  select: 'm.id, m.name, m.email',
  from: '"ItemMember" AS im JOIN "Member" AS m ON m.id = im."memberId"',
  parentKey: 'im."itemId"',
  orderKey: 'm.id',
};

/** Root list in creation order (ids are UUIDv7), first $1. */
export const firstWorkspacesSql = 'SELECT id, name FROM "Workspace" ORDER BY id LIMIT $1';
export const workspacesByIdSql = 'SELECT id, name FROM "Workspace" WHERE id = ANY($1::uuid[])';
export const itemsByIdSql = 'SELECT id, title, "workspaceId" FROM "Item" WHERE id = ANY($1::uuid[])';
