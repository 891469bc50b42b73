import { attribute, defineResource } from '../../resource';
import { signedIn } from '../policies';

export const Milestone = defineResource({
  name: 'Milestone',
  description: 'A target date that items can relate to.',
  attributes: {
    name: attribute.string({ required: true, maxLength: 200, description: 'Display name.' }),
    dueAt: attribute.datetime({ description: 'When it is due, if known.' }),
  },
  // Public; any signed-in actor may plan milestones.
  policies: { actions: { create: signedIn, update: signedIn, destroy: signedIn } },
});
