import type { KeyObject } from 'node:crypto';
import { openSealedCursor, sealCursor } from '../engine/cursor';
import { checkPageSize } from '../engine/list';
import { InvalidQueryInput, assertUuid } from '../engine/query-errors';
import { eventVisibility } from '../engine/sql/event-visibility';
import { countLog, readLog, type LogCursor, type LogEvent, type LogFilter } from '../events/log-reader';
import type { StoredEvent } from '../events/types';
import type { Domain } from '../resource';
import type { Builder } from './builder';
import type { GraphQLContext } from './context';
import { guarded } from './errors';
import { refOf, type ResourceRefs } from './refs';
import type { PageInfoShape, SharedTypes } from './shared-types';

interface LinkShape {
  readonly type: string;
  readonly eventId: string;
}

interface EventPage {
  readonly edges: readonly { cursor: string; node: StoredEvent }[];
  readonly pageInfo: PageInfoShape;
  /** Counted only when asked for (a count reads every match). */
  readonly totalCount: () => Promise<number>;
}

/** Events per page when `first` is left out (the schema shows it as the argument's default). */
const DEFAULT_EVENT_PAGE = 50;

/** The causation link every caused event has, next to the typed links stored for it. */
const CAUSED_BY = 'caused_by';

/**
 * The event log in GraphQL: `Event` (with its links), a `history` field on
 * every resource type (its events in version order), and the root `events`
 * list, which follows the log in commit-safe order (see `readLog`).
 */
export function addEventTypes(builder: Builder, domain: Domain, refs: ResourceRefs, shared: SharedTypes): void {
  const EventRef = builder.objectRef<StoredEvent>('Event');
  const EventLinkRef = builder.objectRef<LinkShape>('EventLink').implement({
    description: 'A typed link from an event to another: `caused_by` (the root event of the mutation that caused it) or a type its resource declares (e.g. `replies_to`).',
    fields: (t) => ({
      type: t.exposeString('type', { description: 'What the link means.' }),
      eventId: t.exposeID('eventId', { description: 'The linked event.' }),
      event: t.field({ type: EventRef, nullable: true, description: 'The linked event.', resolve: (link, _args, ctx: GraphQLContext) => ctx.loaders.eventById().load(link.eventId) }),
    }),
  });
  EventRef.implement({
    description: 'One entry of the append-only event log: a change to one record.',
    fields: (t) => ({
      id: t.exposeID('id', { description: 'Event id (UUIDv7).' }),
      position: t.string({ description: 'Global position in the log (a 64-bit integer, as a string).', resolve: (e) => e.position.toString() }),
      resource: t.exposeString('resource', { description: 'The resource of the record.' }),
      recordId: t.exposeID('recordId', { description: 'The record.' }),
      version: t.exposeInt('version', { description: "The record's version after this event." }),
      action: t.exposeString('action', { description: 'The action that appended it (create, update, destroy or a custom action).' }),
      payload: t.field({ type: 'JSON', description: "The action's cast input, as written (payloadVersion).", resolve: (e) => e.payload }),
      payloadVersion: t.exposeInt('payloadVersion', { description: 'Schema version of the payload when it was written.' }),
      actor: t.exposeString('actor', { nullable: true, description: 'Who wrote it (null: anonymous).' }),
      correlationId: t.exposeString('correlationId', { nullable: true, description: 'The request that wrote it (shared by every event of one mutation).' }),
      causationId: t.exposeID('causationId', { nullable: true, description: 'The event that caused it (the root event of a nested mutation).' }),
      occurredAt: t.field({ type: 'DateTime', description: 'When it was written.', resolve: (e) => e.occurredAt }),
      hash: t.exposeString('hash', { description: "Its link in the record's hash chain (SHA-256, hex); `npm run verify` checks the chains." }),
      links: t.field({
        type: [EventLinkRef],
        description: 'Links to other events: `caused_by` first (when caused), then the stored typed links.',
        resolve: async (e, _args, ctx: GraphQLContext) => [
          ...(e.causationId ? [{ type: CAUSED_BY, eventId: e.causationId }] : []),
          ...(await ctx.loaders.eventLinks().load(e.id)).map((l) => ({ type: l.type, eventId: l.targetId })),
        ],
      }),
    }),
  });
  const edge = builder.objectRef<{ cursor: string; node: StoredEvent }>('EventEdge').implement({
    description: 'An event in a connection.',
    fields: (t) => ({
      cursor: t.exposeString('cursor', { description: 'Opaque position of this edge; pass to `after`.' }),
      node: t.field({ type: EventRef, description: 'The event.', resolve: (e) => e.node }),
    }),
  });
  const connection = builder.objectRef<EventPage>('EventConnection').implement({
    description: 'A page of events.',
    fields: (t) => ({
      edges: t.field({ type: [edge], description: 'The events of this page, in list order.', resolve: (page) => [...page.edges] }),
      pageInfo: t.field({ type: shared.PageInfo, description: 'Where this page is in the list.', resolve: (page) => page.pageInfo }),
      totalCount: t.int({
        description: 'Number of events in the whole list the reader may see (the filter applies; `first` and `after` do not).',
        resolve: (page) => guarded(page.totalCount),
      }),
    }),
  });

  for (const resource of domain.resources) {
    builder.objectField(refOf(refs, resource.name), 'history', (t) =>
      t.field({
        type: connection,
        description: `This ${resource.name}'s events, oldest first (one statement for every record of the level).`,
        args: {
          first: t.arg.int({ defaultValue: DEFAULT_EVENT_PAGE, description: `At most this many events (at most the server's maxPageSize, 500 by default).` }),
          after: t.arg.string({ description: 'Start after this cursor.' }),
        },
        resolve: (record, args, ctx: GraphQLContext) =>
          guarded(async () => {
            const limit = pageSize(args.first, ctx);
            const afterVersion = args.after == null ? 0 : decodeVersionCursor(args.after);
            const events = await ctx.loaders.history(resource.name, { afterVersion, limit: limit + 1 }).load(record.id);
            const count = () => ctx.loaders.historyCount(resource.name).load(record.id);
            return page(events, limit, args.after != null, (e) => encodeVersionCursor(e.version), count);
          }),
      }),
    );
  }

  const filter = builder.inputType('EventFilter', {
    description: 'Only events matching every field given.',
    fields: (t) => ({
      resource: t.string({ description: 'Events of this resource.' }),
      recordId: t.id({ description: 'Events of this record.' }),
      action: t.string({ description: 'Events of this action.' }),
      actor: t.string({ description: 'Events written by this actor.' }),
      correlationId: t.string({ description: 'Events of this request.' }),
    }),
  });
  builder.queryField('events', (t) =>
    t.field({
      type: connection,
      description:
        'The event log in commit order: an event appears only once every transaction that could precede it has finished, so a reader that resumes `after` its last cursor never skips an event committed late by a slower transaction.',
      args: {
        filter: t.arg({ type: filter, description: 'Only events matching this filter.' }),
        first: t.arg.int({ defaultValue: DEFAULT_EVENT_PAGE, description: `At most this many events (at most the server's maxPageSize, 500 by default).` }),
        after: t.arg.string({ description: 'Start after this cursor.' }),
      },
      resolve: (_root, args, ctx: GraphQLContext) =>
        guarded(async () => {
          const limit = pageSize(args.first, ctx);
          const given = (args.filter ?? {}) as LogFilter;
          const logFilter = { ...given, recordId: given.recordId == null ? null : assertUuid(String(given.recordId), ['filter', 'recordId']) };
          const after = args.after == null ? null : decodeLogCursor(ctx.cursorSecret, args.after);
          const visible = eventVisibility(ctx.domain, ctx.authorization) ?? undefined;
          const events = await readLog(ctx.sql, { after, limit: limit + 1, filter: logFilter, visible });
          return page(events, limit, after !== null, (e) => encodeLogCursor(ctx.cursorSecret, e as LogEvent), () => countLog(ctx.sql, { filter: logFilter, visible }));
        }),
    }),
  );
}

function pageSize(first: number | null | undefined, ctx: GraphQLContext): number {
  checkPageSize('first', first, ctx.limits.maxPageSize);
  return first ?? DEFAULT_EVENT_PAGE;
}

/** `limit + 1` rows were read: the extra one says whether more follow. */
function page(
  events: readonly StoredEvent[], limit: number, hasPrevious: boolean, cursorOf: (e: StoredEvent) => string, totalCount: () => Promise<number>,
): EventPage {
  const edges = events.slice(0, limit).map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: events.length > limit,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

const encode = (text: string) => Buffer.from(text).toString('base64url');
const decode = (cursor: string) => Buffer.from(cursor, 'base64url').toString();
const badCursor = (cursor: string) => new InvalidQueryInput(`Not a cursor of this list: ${JSON.stringify(cursor)}.`, ['after']);

const encodeVersionCursor = (version: number) => encode(`v:${version}`);

function decodeVersionCursor(cursor: string): number {
  const match = /^v:(\d{1,9})$/.exec(decode(cursor));
  if (!match) throw badCursor(cursor);
  return Number(match[1]);
}

/**
 * The log's cursor: its place in the commit-safe order (transaction id and
 * position), sealed (sealCursor) so that clients can neither read the
 * database's transaction ids nor forge a place; any instance with the same
 * cursor secret reads it.
 */
const encodeLogCursor = (secret: KeyObject, e: LogEvent) => sealCursor(secret, `log:${e.transactionId}:${e.position}`);

function decodeLogCursor(secret: KeyObject, cursor: string): LogCursor {
  const match = /^log:(\d{1,20}):(\d{1,19})$/.exec(openSealedCursor(secret, cursor, 'after'));
  if (!match) throw badCursor(cursor);
  return { transactionId: match[1]!, position: BigInt(match[2]!) };
}
