import { attribute, defineResource, relationship } from '../../resource';

export const Profile = defineResource({
  name: 'Profile',
  description: "A member's public profile (at most one per member).",
  attributes: {
    bio: attribute.string({ required: true, maxLength: 2000, description: 'A few words about the member.' }),
  },
  relationships: {
    member: relationship.belongsTo('Member', { description: 'Whose profile this is.' }),
  },
  // Public; written by its member, or created with the member (createMember's nested `profile`).
  policies: {
    actions: {
      create: ({ actor, input, via }) => via?.resource === 'Member' || (actor !== null && actor === input.memberId),
      update: ({ actor, record }) => actor !== null && actor === record?.memberId,
      destroy: ({ actor, record }) => actor !== null && actor === record?.memberId,
    },
  },
});
