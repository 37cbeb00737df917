import fc from 'fast-check';

/**
 * The values that break servers, by family. Each is something a real client, a copy-paste or an
 * attacker has sent somewhere: text the database cannot store, numbers JavaScript and
 * PostgreSQL disagree about, dates at the edge of every calendar library, outlines that are
 * not outlines.
 */

/** Text that is valid JSON but hard to store, compare, render or measure. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(64),
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  'x\ud83dy', // half an emoji
  '\u202e\u0645\u0631\u062d\u0628\u0627', // RTL override + Arabic
  '\u05e9\u05dc\u05d5\u05dd', // Hebrew
  'e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301', // stacked combining marks
  'Z\u0351\u0360\u0341\u0315\u0338\u0326\u031e'.repeat(20),
  '\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d\udc66', // ZWJ family
  '\ud83c\udff3\ufe0f\u200d\ud83c\udf08',
  '\uff11\uff13\uff18\uff10\uff10\uff11\uff13\uff18\uff10\uff10\uff10', // full-width 13800138000
  '\uff15\uff10\uff10\uff11\uff10\uff19', // full-width 500109
  '\u0661\u0662\u0663', // Arabic-Indic digits
  '\u200b\u200c\u200d\ufeff', // zero-width
  '\r\n\t\u000b\f',
  '\u2028\u2029',
  '\ufffe\uffff',
  '%00%ff%E0%A4%A',
  "'; drop table accounts; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  'null',
  'true',
  '0x1F',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '应急'.repeat(500),
];

/** Numbers (and number-shaped strings) at the edges. */
export const NASTY_NUMBERS: readonly unknown[] = [
  0,
  -0,
  -1,
  0.5,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  Number.MIN_SAFE_INTEGER - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 63,
  2 ** 64,
  0.1 + 0.2,
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '9007199254740993',
  '-0',
  '1_000',
  '0x10',
  ' 12 ',
  '\uff11\uff12',
];

/** Dates and instants at the edges of calendars and of the types that hold them. */
export const NASTY_DATES: readonly string[] = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00.000Z',
  '1969-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00Z',
  '2038-01-19T03:14:08Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '2016-12-31T23:59:60Z',
  '2023-02-29T00:00:00Z',
  '2024-02-30T00:00:00+08:00',
  '2024-13-01T00:00:00Z',
  '2024-06-01T24:00:00Z',
  '2024-06-01T00:00:00+14:01',
  '2024-06-01T00:00:00-00:00',
  '2024-06-01T00:00:00.123456789Z',
  '2024-06-01',
  '2024-06-01T00:00',
  '20240601T000000Z',
  '2024-06-01 00:00:00',
  '0000-00-00',
  '9999-12-31',
  'T',
  '',
];

/** A closed, simple ring around Beibei (lon, lat). */
export const BEIBEI_RING: [number, number][] = [
  [106.38, 29.78],
  [106.5, 29.78],
  [106.5, 29.88],
  [106.38, 29.88],
  [106.38, 29.78],
];

/** Valid polygons: a closed simple ring, scaled and moved a little. */
export const validPolygon: fc.Arbitrary<unknown> = fc
  .record({
    dx: fc.double({ min: -0.2, max: 0.2, noNaN: true }),
    k: fc.double({ min: 0.1, max: 2, noNaN: true }),
  })
  .map(({ dx, k }) => ({
    type: 'Polygon',
    coordinates: [
      BEIBEI_RING.map(([x, y]) => [106.44 + (x - 106.44) * k + dx, 29.83 + (y - 29.83) * k]),
    ],
  }));

/** Outlines that are not outlines: unclosed, crossing themselves, degenerate, out of range. */
export const NASTY_POLYGONS: readonly unknown[] = [
  { type: 'Polygon', coordinates: [BEIBEI_RING.slice(0, 4)] }, // unclosed
  {
    type: 'Polygon',
    coordinates: [
      [
        [106.4, 29.8],
        [106.5, 29.9],
        [106.5, 29.8],
        [106.4, 29.9],
        [106.4, 29.8],
      ],
    ],
  }, // bow tie: crosses itself
  {
    type: 'Polygon',
    coordinates: [
      [
        [106.4, 29.8],
        [106.5, 29.9],
        [106.4, 29.8],
      ],
    ],
  }, // too few
  {
    type: 'Polygon',
    coordinates: [
      [
        [106.4, 29.8],
        [106.4, 29.8],
        [106.4, 29.8],
        [106.4, 29.8],
      ],
    ],
  }, // a point
  { type: 'Polygon', coordinates: [] },
  { type: 'Polygon', coordinates: [[]] },
  {
    type: 'Polygon',
    coordinates: [
      [
        [181, 91],
        [-181, -91],
        [0, 0],
        [181, 91],
      ],
    ],
  },
  {
    type: 'Polygon',
    coordinates: [
      [
        [1e308, 1e308],
        [0, 0],
        [1, 1],
        [1e308, 1e308],
      ],
    ],
  },
  {
    type: 'Polygon',
    coordinates: [
      [
        ['106.4', '29.8'],
        [106.5, 29.9],
        [106.5, 29.8],
        ['106.4', '29.8'],
      ],
    ],
  },
  { type: 'Polygon', coordinates: [[[106.4], [106.5, 29.9, 1, 2], [106.5, 29.8], [106.4]]] },
  {
    type: 'Polygon',
    coordinates: [
      [
        [null, null],
        [106.5, 29.9],
        [106.5, 29.8],
        [null, null],
      ],
    ],
  },
  { type: 'MultiPolygon', coordinates: [[BEIBEI_RING.slice(0, 3)]] },
  { type: 'Point', coordinates: [106.4, 29.8] },
  {
    type: 'Polygon',
    coordinates: [Array.from({ length: 20_000 }, (_, i) => [106 + (i % 2) * 0.1, 29 + i * 1e-5])],
  },
];

/** Nested arrays or objects this deep (parsers and validators that recurse run out of stack). */
export function deepNesting(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

/** The same as raw JSON text, for depths `JSON.stringify` itself could not reach. */
export function deepNestingText(depth: number): string {
  return '['.repeat(depth) + '1' + ']'.repeat(depth);
}

/** A string of about `bytes` UTF-8 bytes. */
export function hugeString(bytes: number, unit = 'x'): string {
  return unit.repeat(Math.max(1, Math.floor(bytes / Buffer.byteLength(unit))));
}
