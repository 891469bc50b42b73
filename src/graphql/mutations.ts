import type { ActionError } from '../engine/errors';
import type { RecordState } from '../engine/record';
import { runAction } from '../engine/run-action';
import type { Action, Domain, Resource } from '../resource';
import type { Builder } from './builder';
import type { GraphQLContext } from './context';
import { addActionInput } from './inputs';
import { ManagedInputs } from './managed-inputs';
import { refOf, type ResourceRefs } from './refs';
import type { SharedTypes } from './shared-types';
import { names } from './type-names';
import { withArticle } from '../resource/naming';
import { addBulkMutation } from './bulk-mutations';
import { engineContext, tooManyEntries } from './mutation-context';
import { countNestedEntries } from './nested-entries';

interface PayloadShape {
  result: RecordState | null;
  errors: readonly ActionError[];
}

const VERBS: Record<Action['type'], string> = {
  create: 'Creates',
  update: 'Updates',
  destroy: 'Destroys',
  custom: 'Runs a custom action on',
};

const INPUT_DESCRIPTIONS: Record<Action['type'], string> = {
  create: 'The new record: its attributes and related records.',
  update: 'What to change; fields left out keep their value.',
  destroy: 'Input of the destroy action.',
  custom: "The action's input.",
};

/** One mutation per action, returning `{ result, errors }`. */
export function addMutations(builder: Builder, domain: Domain, refs: ResourceRefs, shared: SharedTypes): void {
  builder.mutationType({ description: 'Every write appends events and materializes the records in one transaction.' });
  const taken = new Set(domain.resources.flatMap((r) => [r.name, ...r.actions.flatMap((a) => [names.input(r, a), names.payload(r, a)])]));
  const managed = new ManagedInputs(builder, domain, taken);
  for (const resource of domain.resources) {
    const linkInput = addEventLinkInput(builder, resource);
    for (const action of resource.actions) {
      const inputType = addMutation(builder, resource, action, refs, shared, managed, linkInput);
      addBulkMutation(builder, resource, action, inputType, refs, shared);
    }
  }
}

function addMutation(
  builder: Builder, resource: Resource, action: Action, refs: ResourceRefs, shared: SharedTypes, managed: ManagedInputs, linkInput: string | undefined,
): string | undefined {
  const inputType = addActionInput(builder, resource, action, managed);
  const payload = builder.objectRef<PayloadShape>(names.payload(resource, action)).implement({
    description: `Outcome of ${names.mutation(resource, action)}: the record, or the errors (then nothing was written).`,
    fields: (t) => ({
      result: t.field({
        type: refOf(refs, resource.name),
        nullable: true,
        description: action.type === 'destroy' ? 'The record as it was before it was destroyed.' : `The ${resource.name} after the change.`,
        resolve: (p) => p.result,
      }),
      errors: t.field({ type: [shared.MutationError], description: 'Why nothing was written; empty on success.', resolve: (p) => [...p.errors] }),
    }),
  });

  builder.mutationField(names.mutation(resource, action), (t) =>
    t.field({
      type: payload,
      description: action.description ?? `${VERBS[action.type]} ${withArticle(resource.name)} (action \`${action.name}\`).`,
      args: {
        ...(action.type !== 'create' ? { id: t.arg.id({ required: true, description: `Id of the ${resource.name}.` }) } : {}),
        ...(inputType ? { input: t.arg({ type: inputType as never, required: true, description: INPUT_DESCRIPTIONS[action.type] }) } : {}),
        ...(action.type !== 'create'
          ? { expectedVersion: t.arg.int({ description: 'Fail with STALE_RECORD unless the record is at this version.' }) }
          : {}),
        ...(linkInput
          ? { links: t.arg({ type: [linkInput] as never, description: `Typed links from this mutation's event to earlier events (${resource.events.linkTypes.join(', ')}).` }) }
          : {}),
      },
      resolve: async (_root, args: Record<string, unknown>, ctx: GraphQLContext) => {
        const entries = countNestedEntries(args.input, ctx.limits.maxNestedEntries);
        if (entries > ctx.limits.maxNestedEntries) return { result: null, errors: [tooManyEntries(ctx.limits.maxNestedEntries)] };
        const outcome = await runAction(
          engineContext(ctx),
          {
            resource: resource.name,
            action: action.name,
            id: args.id as string | undefined,
            input: args.input as Record<string, unknown> | undefined,
            expectedVersion: args.expectedVersion as number | null | undefined,
            links: (args.links as { type: string; eventId: string }[] | null | undefined)?.map((l) => ({ type: l.type, targetId: l.eventId })),
          },
        );
        if (!outcome.ok) return { result: null, errors: outcome.errors };
        ctx.loaders.clearAll();
        return { result: outcome.record, errors: [] };
      },
    }),
  );
  return inputType;
}

/** `<Resource>EventLinkInput { type, eventId }` when the resource declares link types. */
function addEventLinkInput(builder: Builder, resource: Resource): string | undefined {
  if (resource.events.linkTypes.length === 0) return undefined;
  const name = `${resource.name}EventLinkInput`;
  const typeEnum = builder.enumType(`${resource.name}EventLinkType`, {
    description: `Link types ${resource.name} events may carry.`,
    values: Object.fromEntries(resource.events.linkTypes.map((type) => [type.toUpperCase(), { value: type, description: `A \`${type}\` link.` }])),
  });
  builder.inputType(name, {
    description: `A typed link from the ${resource.name} event a mutation appends to an earlier event.`,
    fields: (t) => ({
      type: t.field({ type: typeEnum, required: true, description: 'What the link means.' }),
      eventId: t.id({ required: true, description: 'The earlier event (its id).' }),
    }),
  });
  return name;
}
