import type { EngineContext } from '../engine/context';
import { actionError, type ActionError } from '../engine/errors';
import type { GraphQLContext } from './context';

/** What the engine needs from a request to run its writes. */
export const engineContext = (ctx: GraphQLContext): EngineContext => ({
  prisma: ctx.prisma,
  sql: ctx.sql,
  domain: ctx.domain,
  metadata: ctx.metadata,
  authorization: ctx.authorization,
  // The person acting, for relateActor (also under `authorize: false`); services and anonymous requests are none.
  actorId: ctx.principal.kind === 'actor' ? ctx.principal.id : null,
  ...(ctx.onEventsAppended ? { onEventsAppended: ctx.onEventsAppended } : {}),
});

/** The refusal of an input with more nested entries than one request may write (before any statement). */
export const tooManyEntries = (limit: number): ActionError =>
  actionError('INVALID_INPUT', `The input holds more than ${limit.toLocaleString('en-US')} nested entries (list elements and inline records), the most one request may write; split it into several requests.`, ['input']);
