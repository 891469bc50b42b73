import { printSchema } from 'graphql';
import { buildSchema } from '../../src/graphql/schema';
import { action, attribute, defineDomain, defineResource } from '../../src/resource';

const Note = defineResource({
  name: 'Note',
  attributes: {
    text: attribute.string({ required: true }),
    secret: attribute.string({ public: false }),
    slug: attribute.string({ writable: false }),
    pinnedAt: attribute.datetime(),
    meta: attribute.json(),
  },
  actions: { create: action.create(), publish: action.update({ accept: ['pinnedAt'] }), destroy: action.destroy() },
});

describe('schema derived from a domain', () => {
  const sdl = printSchema(buildSchema(defineDomain([Note])));
  // Resource types implement Node (`type Note implements Node {`).
  const block = (kind: string, name: string) => new RegExp(`${kind} ${name}(?: implements \\w+)? \\{[^}]*\\}`).exec(sdl)?.[0] ?? '';

  it('exposes public attributes only, typed by attribute type and nullability', () => {
    const note = block('type', 'Note');
    expect(note).toContain('text: String!');
    expect(note).toContain('slug: String\n');
    expect(note).toContain('pinnedAt: DateTime\n');
    expect(note).toContain('meta: JSON\n');
    expect(note).not.toContain('secret');
  });

  it('accepts writable attributes only, required when the create needs them', () => {
    const input = block('input', 'CreateNoteInput');
    expect(input).toContain('text: String!');
    expect(input).toContain('secret: String\n');
    expect(input).not.toContain('slug');
  });

  it('names a custom update action verb + resource + rest and gives it its own input', () => {
    expect(sdl).toContain('publishNote(');
    expect(block('input', 'PublishNoteInput').replace(/"""[^"]*"""/g, '').replace(/\s+/g, ' ').trim()).toBe('input PublishNoteInput { pinnedAt: DateTime }');
  });
});
