import fc from 'fast-check';
import {
  NASTY_DATES,
  NASTY_NUMBERS,
  NASTY_POLYGONS,
  NASTY_STRINGS,
  deepNesting,
  hugeString,
} from './nasty.ts';

/** One change to a valid value: what to do, and at which node (an index into its nodes). */
export type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'drop'; at: number; pick: number }
  | { kind: 'extra'; at: number; key: string; value: unknown }
  | { kind: 'stringify'; at: number }
  | { kind: 'wrap'; at: number };

const wrongTypes: readonly unknown[] = [null, true, false, 0, '', [], {}, [null], { '': null }];

/** Replacement values: every nasty family, wrong types, huge and deeply nested values. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_DATES) },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY_POLYGONS) },
  { weight: 3, arbitrary: fc.constantFrom(...wrongTypes) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom(20_000, 300_000, 1_100_000).map((n) => hugeString(n)) },
  { weight: 1, arbitrary: fc.constantFrom(20_000, 200_000).map((n) => hugeString(n, '应\u0000')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(64, 300, 800), fc.constantFrom('array' as const, 'object' as const))
      .map(([d, k]) => deepNesting(d, k)),
  },
  {
    weight: 1,
    arbitrary: fc.array(fc.constantFrom(...NASTY_STRINGS), { minLength: 1, maxLength: 5 }),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const extraKey = fc.constantFrom(
  'unknownField',
  'constructor',
  'prototype',
  'toString',
  'id',
  'role',
  'status',
  '',
  '\u0000',
  'a.b',
  '$where',
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      at: fc.nat(),
      value: nastyValue,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), pick: fc.nat() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      at: fc.nat(),
      key: extraKey,
      value: nastyValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stringify' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrap' as const), at: fc.nat() }) },
);

type Path = (string | number)[];

/** Every node's path, root first (depth-limited: mutations aim at the shape, not at huge arrays). */
function nodes(v: unknown, path: Path = [], out: Path[] = [], depth = 0): Path[] {
  out.push(path);
  if (depth > 8 || v === null || typeof v !== 'object') return out;
  const entries = Array.isArray(v)
    ? v.slice(0, 8).map((x, i) => [i, x] as const)
    : Object.entries(v);
  for (const [k, x] of entries) nodes(x, [...path, k], out, depth + 1);
  return out;
}

function get(v: unknown, path: Path): unknown {
  return path.reduce<unknown>((cur, k) => (cur as Record<string | number, unknown>)[k], v);
}

function set(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = get(root, path.slice(0, -1)) as Record<string | number, unknown>;
  // defineProperty, so that a key such as `__proto__` becomes an own, serialised key.
  Object.defineProperty(parent, path[path.length - 1]!, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return root;
}

/** Catalogue values are shared: never let a later mutation change one in place. */
const copy = (x: unknown): unknown => {
  if (x === null || typeof x !== 'object') return x;
  try {
    return structuredClone(x);
  } catch {
    return x; // too deep to clone: the deep-nesting values are made fresh for each use
  }
};

/** Applies mutations to a deep copy of a valid value. */
export function applyMutations(valid: unknown, mutations: readonly Mutation[]): unknown {
  let v: unknown = valid === undefined ? undefined : structuredClone(valid);
  for (const m of mutations) {
    const all = nodes(v);
    const path = all[m.at % all.length]!;
    const node = get(v, path);
    switch (m.kind) {
      case 'replace':
        v = set(v, path, copy(m.value));
        break;
      case 'drop':
        if (node && typeof node === 'object' && !Array.isArray(node)) {
          const keys = Object.keys(node);
          if (keys.length > 0)
            delete (node as Record<string, unknown>)[keys[m.pick % keys.length]!];
        } else if (Array.isArray(node) && node.length > 0) node.splice(m.pick % node.length, 1);
        else v = set(v, path, undefined);
        break;
      case 'extra':
        if (node && typeof node === 'object' && !Array.isArray(node))
          set(v, [...path, m.key], copy(m.value));
        else if (Array.isArray(node)) node.push(copy(m.value));
        else v = set(v, path, { [m.key]: copy(m.value) });
        break;
      case 'stringify':
        v = set(v, path, JSON.stringify(node) ?? 'undefined');
        break;
      case 'wrap':
        v = set(v, path, [node]);
        break;
    }
  }
  return v;
}

/** A valid value, or one to which one to three mutations were applied (mostly the latter). */
export function validOrMutated(
  valid: fc.Arbitrary<unknown>,
): fc.Arbitrary<{ value: unknown; mutated: boolean }> {
  return fc.oneof(
    { weight: 1, arbitrary: valid.map((value) => ({ value, mutated: false })) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 }))
        .map(([value, ms]) => ({ value: applyMutations(value, ms), mutated: true })),
    },
  );
}
