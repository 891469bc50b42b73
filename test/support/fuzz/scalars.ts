import { isEnumType, type GraphQLEnumType, type GraphQLScalarType } from 'graphql';
import type { Build, Slot } from './context';
import { relatedTypes } from './type-hints';

/**
 * A value for a leaf input slot: mostly valid for its type (ids of existing
 * records of the right type, sane numbers, plain strings), sometimes at the
 * edges (empty, long, unicode, extreme numbers, ids of other or destroyed
 * records, random UUIDs) and sometimes plainly wrong (garbage ids, unknown
 * enum values, values of another JSON type).
 */
export function leafValue(type: GraphQLScalarType | GraphQLEnumType, slot: Slot, b: Build): unknown {
  if (b.odd(0.03)) return wrongKind(b);
  if (isEnumType(type)) return enumValue(type, b);
  switch (type.name) {
    case 'ID':
      return idValue(slot, b);
    case 'Int':
      return slot.name === 'first' || slot.name === 'last' || slot.name === 'limit' || slot.name === 'offset' ? pageSize(b) : intValue(b);
    case 'Float':
      return b.odd(0.2) ? b.rng.pick([Number.MAX_VALUE, -0, 1e-300]) : b.rng.int(1000) / 8;
    case 'Boolean':
      return b.odd(0.05) ? b.rng.pick(['true', 0, 1]) : b.rng.chance(0.5);
    case 'DateTime':
      return dateTime(b);
    case 'String':
      if (slot.name === 'after' || slot.name === 'before') return cursor(slot, b);
      if (/email/i.test(slot.name)) return email(b);
      return stringValue(b);
    default:
      return b.rng.pick([{ any: 'json', n: [1, 2, { deep: true }] }, 'text', 7, null, []]);
  }
}

function wrongKind(b: Build): unknown {
  return b.rng.pick([{}, [], [1, 'two'], true, 3, 2.5, 'str', { nested: { x: 1 } }]);
}

function enumValue(type: GraphQLEnumType, b: Build): unknown {
  const values = type.getValues().map((v) => v.name);
  if (!b.odd(0.15)) return b.rng.pick(values);
  return b.rng.pick([b.rng.pick(values).toLowerCase(), 'NOPE', '', 'ADMIN ', 'OPEN; DROP TABLE "Item"']);
}

function idValue(slot: Slot, b: Build): unknown {
  const { rng, pools } = b;
  const types = relatedTypes(b.schema, slot.owner, slot.name);
  const typed = types ? types.flatMap((t) => pools.idsOf(t.name)) : [];
  const any = pools.allIds();
  const choice = rng.weighted<() => unknown>([
    [typed.length > 0 ? 90 : 0, () => rng.pick(typed)],
    [any.length > 0 ? (typed.length > 0 ? 3 : 70) : 0, () => rng.pick(any)],
    [pools.gone.list.length > 0 ? 3 : 0, () => rng.pick(pools.gone.list)],
    [4, () => rng.uuid()],
    [b.dirty ? 15 : 0, () => garbageId(b)],
  ] as const);
  return choice();
}

function garbageId(b: Build): string {
  const uuid = b.rng.maybePick(b.pools.allIds()) ?? b.rng.uuid();
  return b.rng.pick([
    '',
    'not-a-uuid',
    '1',
    uuid.toUpperCase(),
    `{${uuid}}`,
    `${uuid}x`,
    uuid.replace(/-/g, ''),
    uuid.slice(0, 35),
    '00000000-0000-0000-0000-000000000000',
    "' OR '1'='1",
    'ünïcødé-☃',
    '\u0000',
    'x'.repeat(2000),
  ]);
}

function pageSize(b: Build): unknown {
  return b.rng.weighted<() => unknown>([
    [60, () => b.rng.between(1, 10)],
    [6, () => 0],
    [10, () => b.rng.between(11, 100)],
    [3, () => 500],
    [b.dirty ? 5 : 0, () => 501],
    [b.dirty ? 8 : 0, () => -b.rng.between(1, 5)],
    [b.dirty ? 4 : 0, () => 2147483647],
    [b.dirty ? 3 : 0, () => -2147483648],
    [b.dirty ? 3 : 0, () => 2 ** 31],
    [b.dirty ? 2 : 0, () => 1.5],
  ])();
}

function intValue(b: Build): unknown {
  return b.rng.weighted<() => unknown>([
    [70, () => b.rng.between(0, 10)],
    [10, () => -b.rng.between(1, 100)],
    [10, () => b.rng.between(11, 100000)],
    [5, () => b.rng.pick([2147483647, -2147483648])],
    [b.dirty ? 8 : 0, () => b.rng.pick([2 ** 31, -(2 ** 31) - 1, 1e15, 1.5, Number.MAX_SAFE_INTEGER])],
    [b.dirty ? 5 : 0, () => b.rng.pick(['5', '', 'NaN'])],
  ])();
}

const FIXED_TIMES = ['1970-01-01T00:00:00.000Z', '2001-02-03T04:05:06.789Z', '2099-12-31T23:59:59.999Z', '2000-01-01T00:00:00+02:00', '2098-06-15T12:00:00Z'];
const BAD_TIMES = ['yesterday', '', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', '0000-01-01T00:00:00Z', '2026-01-01', '2026-01-01T25:00:00Z', 'T', '1e10'];

function dateTime(b: Build): unknown {
  const { rng, pools } = b;
  return rng.weighted<() => unknown>([
    [pools.times.list.length > 0 ? 40 : 0, () => {
      b.volatile = true; // learned times differ between runs
      const time = rng.pick(pools.times.list);
      return rng.chance(0.7) ? time : new Date(Date.parse(time) + rng.between(-5, 5)).toISOString();
    }],
    [40, () => rng.pick(FIXED_TIMES)],
    [10, () => new Date(Date.UTC(2000 + rng.int(100), rng.int(12), 1 + rng.int(28), rng.int(24))).toISOString()],
    [b.dirty ? 20 : 0, () => rng.pick(BAD_TIMES)],
    [b.dirty ? 5 : 0, () => rng.pick([0, 1234567890, -1])],
  ])();
}

/** Mostly a cursor learned from a list of the same records (it may still come from another sort); sometimes any, tampered or garbage. */
function cursor(slot: Slot, b: Build): unknown {
  const { rng, pools } = b;
  const known = pools.cursorsOf();
  const same = slot.owner.flatMap((t) => pools.cursorsOf(t.name));
  return rng.weighted<() => unknown>([
    [same.length > 0 ? 70 : 0, () => rng.pick(same)],
    [known.length > 0 ? 10 : 0, () => rng.pick(known)],
    [known.length > 0 && b.dirty ? 10 : 0, () => {
      const c = rng.pick(known);
      const i = rng.int(c.length);
      return c.slice(0, i) + (c[i] === 'A' ? 'B' : 'A') + c.slice(i + 1); // tampered
    }],
    [known.length > 0 && b.dirty ? 5 : 0, () => rng.pick(known).slice(0, -4)],
    [known.length === 0 || b.dirty ? 25 : 0, () => rng.pick(['', 'garbage', 'eyJ9', 'YXJyYXljb25uZWN0aW9uOjA=', '\u0000', 'x'.repeat(5000), '{"id":"x"}', '..', '💥'])],
  ])();
}

function email(b: Build): unknown {
  const { rng, pools } = b;
  return rng.weighted<() => unknown>([
    [70, () => `fuzz${rng.int(1e9)}@example.test`],
    [pools.emails.list.length > 0 ? 20 : 0, () => rng.pick(pools.emails.list)],
    [b.dirty ? 10 : 0, () => stringValue(b)],
  ])();
}

const WORDS = ['alpha', 'Beta', 'gamma', 'Ada', 'Grace', 'todo', 'done', 'x', 'Zeta', 'item'];
/** Valid text that often breaks naive code: accents, scripts, emoji, zero-width, quotes, LIKE wildcards, markup. */
const ODD_STRINGS = [
  'héllo wörld',
  '日本語のテキスト',
  '😀🎉👩‍👩‍👧',
  'مرحبا',
  'e\u0301\u0301',
  '\u200b\u200f\ufeff',
  "O'Reilly \"quoted\" \\ back\\slash",
  '%_\\%',
  "'; DROP TABLE \"Item\"; --",
  '<script>alert(1)</script>',
  ' leading and trailing ',
  'line\nbreak\ttab\r',
  '\u{10ffff}',
];
/** Text a database may refuse: NUL characters, lone surrogates. */
const HOSTILE_STRINGS = ['\u0000', 'nul\u0000inside', '\ud800', 'lone \udfff low'];

/** Usually a few words; sometimes empty, long, unicode or odd; in dirty operations also over the length limits or unstorable. */
export function stringValue(b: Build): string {
  const { rng } = b;
  return rng.weighted<() => string>([
    [75, () => Array.from({ length: rng.between(1, 3) }, () => rng.pick(WORDS)).join(' ') + (rng.chance(0.5) ? ` ${rng.int(1000)}` : '')],
    [5, () => ''],
    [2, () => 'y'.repeat(rng.pick([199, 200, 320, 499, 500]))],
    [12, () => rng.pick(ODD_STRINGS)],
    [b.dirty ? 8 : 0, () => ('y'.repeat(rng.pick([201, 321, 501, 2001, 10001])))],
    [b.dirty ? 2 : 0, () => '長'.repeat(rng.pick([501, 10001]))],
    [b.dirty ? 8 : 0, () => rng.pick(HOSTILE_STRINGS)],
  ])();
}
