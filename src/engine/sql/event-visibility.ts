import { column, ident, type SqlParams } from '../../db/sql-params';
import type { EventVisibility } from '../../events/log-reader';
import type { Domain } from '../../resource';
import type { Authorization } from '../authorization';
import { sqlScope, whereSql } from './where';

/**
 * The events the actor may see: an event of a resource with a read filter
 * only while its record exists and passes the filter (so the events of a
 * destroyed record of such a resource are hidden); events of other resources
 * always. Null when nothing is hidden.
 */
export function eventVisibility(domain: Domain, authorization: Authorization): EventVisibility | null {
  const restricted = domain.resources.flatMap((resource) => {
    const where = authorization.readWhere(resource);
    return where ? [{ resource, where }] : [];
  });
  if (restricted.length === 0) return null;
  return (params: SqlParams, event: string) => {
    const scope = sqlScope(domain, params);
    const parts = restricted.map(({ resource, where }) => {
      const row = scope.alias();
      const readable = whereSql(scope, resource, where, row);
      return `(${column(event, 'resource')} <> ${params.add(resource.name)} OR EXISTS (SELECT 1 FROM ${ident(resource.model)} AS ${row} ` +
        `WHERE ${column(row, 'id')} = ${column(event, 'recordId')} AND ${readable}))`;
    });
    return parts.join(' AND ');
  };
}
