import fc from 'fast-check';
import { validValue, type JsonSchema, type Resolve } from './schema-arbitrary.ts';
import { validOrMutated } from './mutate.ts';
import { NASTY_STRINGS, deepNestingText, hugeString } from './nasty.ts';
import { AUTH_MODES, CALLERS, type AuthMode, type Caller } from './world.ts';
import { xmlDocument } from './xml.ts';

/** One operation of the OpenAPI document, as the fuzzer needs it. */
export interface Operation {
  id: string;
  method: string;
  /** OpenAPI style, `/api/forces/teams/{id}`. */
  path: string;
  params: {
    name: string;
    in: 'path' | 'query' | 'header' | 'cookie';
    schema: JsonSchema;
    required: boolean;
  }[];
  body?: JsonSchema;
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        parameters?: Operation['params'];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Every operation of the served document, sorted by id; and how to resolve its `$ref`s. */
export function operationsOf(doc: unknown): { operations: Operation[]; resolve: Resolve } {
  const d = doc as OpenApiDoc;
  const resolve: Resolve = (ref) =>
    d.components?.schemas?.[ref.replace('#/components/schemas/', '')];
  const operations: Operation[] = [];
  for (const [path, ops] of Object.entries(d.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const json = op.requestBody?.content?.['application/json']?.schema;
      operations.push({
        id: op.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        ...(json ? { body: json } : {}),
      });
    }
  }
  return { operations: operations.sort((a, b) => a.id.localeCompare(b.id)), resolve };
}

/** A value, or the n-th id the server has handed out (resolved when sent, so it can exist). */
export type ParamValue = { value: unknown } | { pool: number };

export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType: string }
  | { kind: 'raw'; text: string; contentType: string };

/** One fuzzed request, printed as the counterexample when it fails. */
export interface FuzzRequest {
  op: string;
  caller: Caller;
  auth: AuthMode;
  path: Record<string, ParamValue>;
  /** Query pairs, in order; a repeated key is an array. */
  query: [string, string][];
  /** Extra raw query text, such as `a[b]=c` or a malformed escape. */
  rawQuery: string;
  body: Body;
}

const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/vnd.api+json',
];
const WRONG_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/octet-stream',
  '',
  'application/json, text/plain',
  '*/*',
];

const text = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));

function paramArb(s: JsonSchema, resolve: Resolve): fc.Arbitrary<ParamValue> {
  const base = validOrMutated(validValue(s, resolve)).map(({ value }) => ({ value }));
  const uuid = s.format === 'uuid' || /uuid/i.test(s.pattern ?? '');
  return uuid
    ? fc.oneof(
        base,
        fc.nat(63).map((pool) => ({ pool })),
      )
    : base;
}

const rawQuery = fc.oneof(
  { weight: 6, arbitrary: fc.constant('') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'a[b]=c',
      'limit[]=1&limit[]=2',
      'cursor[$gt]=',
      '%',
      '%zz',
      '%E0%A4%A',
      '&&&=&=',
      '__proto__[x]=1',
      'limit=1&limit=2&limit=3',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...NASTY_STRINGS).map((s) => `q=${encodeURIComponentSafe(s)}`),
  },
);

/** `encodeURIComponent` that survives lone surrogates (as U+FFFD, which is what a browser sends). */
export function encodeURIComponentSafe(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

function bodyArb(op: Operation, resolve: Resolve): fc.Arbitrary<Body> {
  const json = op.body
    ? validOrMutated(validValue(op.body, resolve)).map((v) => v.value)
    : fc.jsonValue({ maxDepth: 2 });
  const weird: fc.Arbitrary<Body> = fc.oneof(
    fc.record({
      kind: fc.constant('raw' as const),
      contentType: fc.constantFrom(...JSON_TYPES),
      text: fc.constantFrom(
        '{',
        '{"a":',
        '[1,]',
        "{'a':1}",
        'null',
        '""',
        '\ufeff{}',
        '{"a":1}{"a":2}',
        '{"__proto__":{"admin":true}}',
        'NaN',
        '1e999',
        '\u0000',
      ),
    }),
    fc.record({
      kind: fc.constant('raw' as const),
      contentType: fc.constantFrom(...JSON_TYPES),
      text: fc.constantFrom(10, 5_000, 100_000).map(deepNestingText),
    }),
    fc.record({
      kind: fc.constant('raw' as const),
      contentType: fc.constantFrom(...JSON_TYPES),
      text: fc.constant(`"${hugeString(1_200_000)}"`),
    }),
    fc.record({
      kind: fc.constant('raw' as const),
      contentType: fc.constantFrom(...WRONG_TYPES),
      text: fc.oneof(
        json.map((v) => JSON.stringify(v) ?? ''),
        xmlDocument,
        fc.constant('a=1&b=2'),
      ),
    }),
  );
  if (!op.body)
    return fc.oneof(
      { weight: 8, arbitrary: fc.constant({ kind: 'none' as const }) },
      { weight: 1, arbitrary: weird },
    );
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({
        kind: fc.constant('json' as const),
        value: json,
        contentType: fc.constantFrom(...JSON_TYPES),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 2, arbitrary: weird },
  );
}

/** Random and mutated valid requests to one operation, as every caller. */
export function requestArb(op: Operation, resolve: Resolve): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const path = fc.record(
    Object.fromEntries(pathParams.map((p) => [p.name, paramArb(p.schema, resolve)])),
  );
  const queryPair = (name: string, s: JsonSchema) =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: paramArb(s, resolve).map((v) => [
          [name, 'value' in v ? text(v.value) : ''] as [string, string],
        ]),
      },
      {
        weight: 1,
        arbitrary: fc
          .array(validValue(s, resolve), { minLength: 2, maxLength: 3 })
          .map((vs) => vs.map((v) => [name, text(v)] as [string, string])),
      },
    );
  const query = fc
    .tuple(...queryParams.map((p) => fc.option(queryPair(p.name, p.schema), { nil: undefined })))
    .map((pairs) => pairs.flatMap((p) => p ?? []));
  return fc.record({
    op: fc.constant(op.id),
    caller: fc.constantFrom(...CALLERS),
    auth: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom<AuthMode>('bearer', 'cookie') },
      { weight: 1, arbitrary: fc.constantFrom(...AUTH_MODES) },
    ),
    path,
    query,
    rawQuery,
    body: bodyArb(op, resolve),
  });
}
