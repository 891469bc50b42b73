import { orderErrors } from '../../src/engine/error-order';
import { actionError } from '../../src/engine/errors';

/** Errors of one request come back in the order of the input they point at, whatever order they were found in. */
describe('orderErrors', () => {
  const input = { title: 'x', workspace: { name: 'w' }, comments: [{ body: 'a' }, { body: 'b' }, { body: 'c' }], members: [{ email: 'e' }] };
  const at = (...path: string[]) => actionError('INVALID_INPUT', path.join('.'), path);

  it('given errors found deepest first, when ordered, then by input order: fields as the input lists them, indexes by number, a path before those under it', () => {
    // given
    const found = [at('members', '0', 'email'), at('comments', '10', 'body'), at('comments', '2', 'body'), at('comments'), at('comments', '1', 'body'), at('workspace', 'name'), at('title')];
    // when
    const ordered = orderErrors(found, input).map((e) => e.message);
    // then
    expect(ordered).toEqual(['title', 'workspace.name', 'comments', 'comments.1.body', 'comments.2.body', 'comments.10.body', 'members.0.email']);
  });

  it('given fields the input does not give (id, a missing required attribute), when ordered, then they come first, in the order found; equal paths keep their order', () => {
    // given
    const found = [at('comments', '0', 'body'), actionError('NOT_FOUND', 'second', ['comments', '0', 'body']), at('id'), at('priority')];
    // when
    const ordered = orderErrors(found, input).map((e) => e.message);
    // then
    expect(ordered).toEqual(['id', 'priority', 'comments.0.body', 'second']);
  });

  it('given a prefix (the action sits inside a larger input), when ordered, then paths are read after the prefix', () => {
    expect(orderErrors([at('x', 'members', '0', 'email'), at('x', 'title')], input, ['x']).map((e) => e.message)).toEqual(['x.title', 'x.members.0.email']);
  });
});
