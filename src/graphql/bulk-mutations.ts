import type { ActionError } from '../engine/errors';
import type { RecordState } from '../engine/record';
import type { ActionRequest } from '../engine/run-action';
import { runActions } from '../engine/run-actions';
import type { Action, Resource } from '../resource';
import { upperFirst } from '../resource/naming';
import type { Builder } from './builder';
import type { GraphQLContext } from './context';
import { engineContext, tooManyEntries } from './mutation-context';
import { countNestedEntries } from './nested-entries';
import { refOf, type ResourceRefs } from './refs';
import type { SharedTypes } from './shared-types';

interface BulkPayloadShape {
  results: readonly RecordState[] | null;
  errors: readonly ActionError[];
}

/** `createItems`, `updateItems`, `destroyItems`: the action's verb, then the resource's plural name. */
export const bulkMutationName = (resource: Resource, action: Action): string => {
  const [, verb, rest] = /^([a-z0-9]+)(.*)$/.exec(action.name)!;
  return `${verb}${upperFirst(resource.pluralName)}${rest}`;
};

/**
 * The bulk form of a create, update or destroy action (Hasura
 * `insert_x(objects)`, Ash bulk actions, Keystone `createItems`):
 * - `createItems(inputs: [CreateItemInput!]!)`;
 * - `updateItems(inputs: [UpdateItemsEntry!]!)`, each entry `{ id, input, expectedVersion }`;
 * - `destroyItems(ids: [ID!]!)`.
 * All in one transaction, all or nothing (see `runActions`); `results` in
 * the order of the entries. Error paths start with the entry:
 * `["inputs", "3", "title"]` (create), `["inputs", "3", "input", "title"]`
 * and `["inputs", "3", "id"]` (update), `["ids", "3"]` (destroy).
 */
export function addBulkMutation(builder: Builder, resource: Resource, action: Action, inputType: string | undefined, refs: ResourceRefs, shared: SharedTypes): void {
  if (action.type === 'custom') return;
  const name = bulkMutationName(resource, action);
  const payload = builder.objectRef<BulkPayloadShape>(`${upperFirst(name)}Payload`).implement({
    description: `Outcome of ${name}: every record, or the errors (then nothing was written).`,
    fields: (t) => ({
      results: t.field({
        type: [refOf(refs, resource.name)],
        nullable: true,
        description: action.type === 'destroy' ? 'The records as they were before they were destroyed, in the order given.' : `The ${resource.pluralName} after the change, in the order given.`,
        resolve: (p) => (p.results ? [...p.results] : null),
      }),
      errors: t.field({ type: [shared.MutationError], description: 'Why nothing was written; empty on success.', resolve: (p) => [...p.errors] }),
    }),
  });
  const entryType = action.type === 'update' ? addUpdateEntry(builder, resource, name, inputType) : undefined;
  const listArgument = action.type === 'destroy' ? 'ids' : 'inputs';

  builder.mutationField(name, (t) =>
    t.field({
      type: payload,
      description: `${action.type === 'create' ? 'Creates' : action.type === 'update' ? 'Updates' : 'Destroys'} several ${resource.pluralName} (action \`${action.name}\`) in one transaction: all or nothing.`,
      args: action.type === 'destroy'
        ? { ids: t.arg.idList({ required: true, description: `Ids of the ${resource.pluralName}, destroyed in this order.` }) }
        : { inputs: t.arg({ type: [(entryType ?? inputType)!] as never, required: true, description: 'One entry per record, applied in this order.' }) },
      resolve: async (_root, args: Record<string, unknown>, ctx: GraphQLContext) => {
        const entries = (args[listArgument] as unknown[]) ?? [];
        if (countNestedEntries(args, ctx.limits.maxNestedEntries) > ctx.limits.maxNestedEntries) {
          return { results: null, errors: [{ ...tooManyEntries(ctx.limits.maxNestedEntries), path: [listArgument] }] };
        }
        const requests = entries.map((entry) => requestOf(resource, action, entry));
        const outcome = await runActions(engineContext(ctx), requests, (index, path) => bulkPath(action, listArgument, index, path));
        if (!outcome.ok) return { results: null, errors: outcome.errors };
        ctx.loaders.clearAll();
        return { results: outcome.records, errors: [] };
      },
    }),
  );
}

/** `UpdateItemsEntry { id, input, expectedVersion }`. */
function addUpdateEntry(builder: Builder, resource: Resource, name: string, inputType: string | undefined): string {
  const entry = `${upperFirst(name)}Entry`;
  builder.inputType(entry, {
    description: `One ${resource.name} to update in ${name}.`,
    fields: (t) => ({
      id: t.id({ required: true, description: `Id of the ${resource.name}.` }),
      ...(inputType ? { input: t.field({ type: inputType as never, required: true, description: 'What to change.' }) } : {}),
      expectedVersion: t.int({ description: 'Fail with STALE_RECORD unless the record is at this version.' }),
    }),
  });
  return entry;
}

function requestOf(resource: Resource, action: Action, entry: unknown): ActionRequest {
  const base = { resource: resource.name, action: action.name };
  if (action.type === 'create') return { ...base, input: entry as Record<string, unknown> };
  if (action.type === 'destroy') return { ...base, id: entry as string };
  const { id, input, expectedVersion } = entry as { id: string; input?: Record<string, unknown>; expectedVersion?: number | null };
  return { ...base, id, input: input ?? {}, expectedVersion };
}

/** Where a single action's error path sits in the bulk arguments (see addBulkMutation). */
function bulkPath(action: Action, listArgument: string, index: number, path: readonly string[]): string[] {
  const entry = [listArgument, String(index)];
  if (action.type === 'create') return [...entry, ...(path[0] === 'input' ? path.slice(1) : path)];
  if (action.type === 'destroy') return [...entry, ...(path[0] === 'id' ? path.slice(1) : path)];
  if (path[0] === 'id' || path[0] === 'expectedVersion' || path[0] === 'input') return [...entry, ...path];
  return [...entry, 'input', ...path];
}
