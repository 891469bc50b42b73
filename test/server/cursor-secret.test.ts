import { cursorSecretKey } from '../../src/server/cursor-secret';

const a = 'a-cursor-secret-of-sufficient-size';
const b = 'b-cursor-secret-of-sufficient-size';

describe('the cursor secret', () => {
  it('is the option, else CURSOR_SECRET', () => {
    expect(cursorSecretKey(a, { CURSOR_SECRET: b }).export().toString()).toBe(a);
    expect(cursorSecretKey(undefined, { CURSOR_SECRET: b }).export().toString()).toBe(b);
    expect(cursorSecretKey(Buffer.from(a), {}).export().toString()).toBe(a);
  });

  it('is otherwise random, made once per process (an empty CURSOR_SECRET counts as unset)', () => {
    const random = cursorSecretKey(undefined, {});
    expect(random.symmetricKeySize).toBe(32);
    expect(cursorSecretKey(undefined, { CURSOR_SECRET: '' })).toBe(random);
  });

  it('refuses secrets shorter than 16 bytes', () => {
    expect(() => cursorSecretKey('short', {})).toThrow('The cursor secret (cursorSecret or CURSOR_SECRET) must be at least 16 bytes long but has 5.');
    expect(() => cursorSecretKey(undefined, { CURSOR_SECRET: 'short' })).toThrow('at least 16 bytes');
  });
});
