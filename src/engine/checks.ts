import { modelDelegate, type Client } from '../db/delegate';
import type { Domain } from '../resource';
import type { EventLinkRef } from '../events/types';
import { groupBy } from '../util/group-by';
import { readableWhere, type Authorization } from './authorization';
import { actionError, notFound, type ActionError } from './errors';
import type { Dependents, Reference } from './plan';

/**
 * Records the plan refers to that do not exist, or that the actor may not
 * read (the same NOT_FOUND: a denial must not confirm that a record exists):
 * one query per referenced resource.
 */
export async function missingReferences(tx: Client, domain: Domain, references: readonly Reference[], authorization: Authorization): Promise<ActionError[]> {
  const errors: ActionError[] = [];
  const byResource = groupBy(references, (r) => r.resource);
  for (const [name, refs] of byResource) {
    const resource = domain.resource(name);
    const where = readableWhere(authorization.readWhere(resource), { id: { in: refs.map((r) => r.id) } });
    const found = await modelDelegate(tx, resource.model).findMany({ where, select: { id: true } });
    const ids = new Set(found.map((row) => row.id));
    for (const ref of refs) {
      if (!ids.has(ref.id)) errors.push(notFound(name, ref.id, ref.path));
    }
  }
  return errors;
}

/**
 * Dependents that block a destroy: those of `restrict` relationships (e.g. a
 * workspace that still has items), counted readable or not. The others are
 * cascaded or nullified (cascade.ts).
 */
export async function blockingDependents(tx: Client, domain: Domain, owner: string, dependents: readonly Dependents[]): Promise<ActionError[]> {
  const errors: ActionError[] = [];
  for (const dep of dependents) {
    if (dep.onDestroy !== 'restrict') continue;
    const count = await modelDelegate(tx, domain.resource(dep.resource).model).count({ where: { [dep.attribute]: dep.id } });
    if (count > 0) {
      errors.push(actionError('CONFLICT', `${owner} "${dep.id}" still has ${count} related ${dep.resource} record(s) through "${dep.relationship}"; remove them first.`, []));
    }
  }
  return errors;
}

/**
 * Link targets that are not events of the log, or events of records the actor
 * may not read (NOT_FOUND at ["links", i, "eventId"]).
 */
export async function missingLinkTargets(tx: Client, domain: Domain, links: readonly EventLinkRef[], authorization: Authorization): Promise<ActionError[]> {
  if (links.length === 0) return [];
  const found = await tx.event.findMany({ where: { id: { in: links.map((l) => l.targetId) } }, select: { id: true, resource: true, recordId: true } });
  const ids = new Set<string>();
  for (const [name, events] of groupBy(found, (e) => e.resource)) {
    const resource = domain.resources.find((r) => r.name === name);
    const readable = resource ? authorization.readWhere(resource) : null;
    if (!resource || readable === null) {
      for (const event of events) ids.add(event.id);
      continue;
    }
    const rows = await modelDelegate(tx, resource.model).findMany({
      where: { AND: [{ id: { in: events.map((e) => e.recordId) } }, readable] }, select: { id: true },
    });
    const visible = new Set(rows.map((row) => row.id));
    for (const event of events) if (visible.has(event.recordId)) ids.add(event.id);
  }
  return links.flatMap((link, i) => (ids.has(link.targetId) ? [] : [actionError('NOT_FOUND', `No event with id "${link.targetId}".`, ['links', String(i), 'eventId'])]));
}
