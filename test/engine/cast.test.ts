import { createAppDomain } from '../../src/app/domain';
import { castInput } from '../../src/engine/cast';

const domain = createAppDomain();
const item = domain.resource('Item');
const create = item.actionByName.get('create')!;
const update = item.actionByName.get('update')!;
const workspaceId = '0190a6f0-0000-7000-8000-000000000001';

describe('casting action input', () => {
  it('fills defaults on create and keeps given values', () => {
    expect(castInput(item, create, { title: 'T', workspaceId: workspaceId.toUpperCase() }, new Date())).toEqual({
      ok: true,
      payload: { title: 'T', priority: 0, status: 'OPEN', workspaceId },
    });
  });

  it('carries only the given fields on update', () => {
    expect(castInput(item, update, { priority: 3 }, new Date())).toEqual({ ok: true, payload: { priority: 3 } });
  });

  it('reports each problem with its path', () => {
    const result = castInput(item, create, { priority: 1.5, status: 'LATER', extra: true }, new Date());
    expect(result).toEqual({
      ok: false,
      errors: [
        { code: 'INVALID_INPUT', message: 'Unknown field "extra" for Item.create; accepted fields: title, priority, status, workspaceId.', fields: ['extra'], path: ['extra'] },
        { code: 'INVALID_INPUT', message: 'title is required.', fields: ['title'], path: ['title'] },
        { code: 'INVALID_INPUT', message: 'priority must be a 32-bit integer but got: 1.5.', fields: ['priority'], path: ['priority'] },
        { code: 'INVALID_INPUT', message: 'status must be one of OPEN, DONE but got: "LATER".', fields: ['status'], path: ['status'] },
        { code: 'INVALID_INPUT', message: 'workspaceId is required.', fields: ['workspaceId'], path: ['workspaceId'] },
      ],
    });
  });

  it('enforces string limits and integer range', () => {
    const result = castInput(item, update, { title: 'x'.repeat(501), priority: 2 ** 31 }, new Date());
    expect(result.ok === false && result.errors.map((e) => e.message)).toEqual([
      'title must be at most 500 characters but has 501.',
      'priority must be a 32-bit integer but got: 2147483648.',
    ]);
  });

  it('applies the domain-wide string limit of 10,000 when an attribute sets none', () => {
    const comment = domain.resource('Comment');
    const result = castInput(comment, comment.actionByName.get('update')!, { body: 'x'.repeat(10_001) }, new Date());
    expect(result.ok === false && result.errors.map((e) => e.message)).toEqual(['body must be at most 10000 characters but has 10001.']);
  });
});
