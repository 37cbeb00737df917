import fc from 'fast-check';
import { validPolygon } from './nasty.ts';

/** The part of JSON Schema (2020-12, as OpenAPI 3.1 and `z.toJSONSchema` write it) used here. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  items?: JsonSchema | false;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
}

/** Resolves `#/components/schemas/X` (OpenAPI) and `#/$defs/X` (zod) references. */
export type Resolve = (ref: string) => JsonSchema | undefined;

export const noRefs: Resolve = () => undefined;

/** Generated strings stay short unless the schema asks for more: size is the mutators' job. */
const LONGEST_GENERATED = 40;

const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z') })
  .filter((d) => !Number.isNaN(d.getTime()));

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  switch (s.format) {
    case 'uuid':
      return fc.oneof(fc.uuid({ version: 7 }), fc.uuid({ version: 4 }));
    case 'date-time':
      return isoDate.map((d) => d.toISOString());
    case 'date':
      return isoDate.map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
    default:
      break; // no format (or one not generated specially): by length and pattern below
  }
  const min = s.minLength ?? 0;
  const max = Math.max(
    min,
    Math.min(s.maxLength ?? min + LONGEST_GENERATED, min + LONGEST_GENERATED),
  );
  if (s.pattern) {
    return fc
      .stringMatching(new RegExp(s.pattern))
      .filter((v) => v.length >= min && v.length <= (s.maxLength ?? Infinity));
  }
  // Mostly readable text, some Chinese: what the office actually types.
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength: min, maxLength: max }) },
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.constantFrom(...'应急管理局北碚区队伍值班'),
        minLength: min,
        maxLength: max,
      }),
    },
  );
}

function bound(v: number | boolean | undefined): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const exMin = bound(s.exclusiveMinimum);
  const exMax = bound(s.exclusiveMaximum);
  if (integer) {
    const min = Math.max(
      s.minimum ?? (exMin !== undefined ? exMin + 1 : -1_000_000),
      -2_147_483_648,
    );
    const max = Math.min(s.maximum ?? (exMax !== undefined ? exMax - 1 : 1_000_000), 2_147_483_647);
    return fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) });
  }
  const min = s.minimum ?? exMin ?? -1e6;
  const max = s.maximum ?? exMax ?? 1e6;
  return fc
    .double({ min, max, noNaN: true, noDefaultInfinity: true })
    .filter((n) => (exMin === undefined || n > exMin) && (exMax === undefined || n < exMax))
    .map((n) => (Object.is(n, -0) ? 0 : n));
}

function objectArb(s: JsonSchema, resolve: Resolve, depth: number): fc.Arbitrary<unknown> {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, p] of Object.entries(props)) model[k] = validValue(p, resolve, depth + 1);
  const record = fc.record(model, { requiredKeys: [...required].filter((k) => k in props) });
  if (s.additionalProperties && typeof s.additionalProperties === 'object' && !s.properties) {
    // A map (`z.record`): a few keys of its value type.
    const value = validValue(s.additionalProperties, resolve, depth + 1);
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), value, { maxKeys: 3 });
  }
  return record;
}

function isPolygonSchema(s: JsonSchema): boolean {
  const t = s.properties?.type;
  return (
    !!s.properties?.coordinates &&
    !!t &&
    (t.const === 'Polygon' ||
      (Array.isArray(t.enum) && t.enum.length === 1 && t.enum[0] === 'Polygon'))
  );
}

/**
 * An arbitrary of values the schema accepts (as far as JSON Schema can say: zod refinements such
 * as "a ring ends where it starts" are not in it, so some generated values are refused — which
 * is fuzzing too). Polygons are generated closed and simple, so that "valid" reaches the handler.
 */
export function validValue(
  s: JsonSchema | boolean | undefined,
  resolve: Resolve,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (s === undefined || s === true || s === false) return fc.jsonValue({ maxDepth: 2 });
  if (s.$ref) {
    const target = resolve(s.$ref);
    return target && depth < 12 ? validValue(target, resolve, depth + 1) : fc.constant(null);
  }
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives && alternatives.length > 0)
    return fc.oneof(...alternatives.map((a) => validValue(a, resolve, depth + 1)));
  if (s.allOf && s.allOf.length > 0) {
    const merged: JsonSchema = { type: 'object', properties: {}, required: [] };
    for (const part of s.allOf) {
      const p = part.$ref ? (resolve(part.$ref) ?? {}) : part;
      Object.assign(merged.properties!, p.properties ?? {});
      merged.required!.push(...(p.required ?? []));
    }
    return objectArb(merged, resolve, depth);
  }
  if (isPolygonSchema(s)) return validPolygon;
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1 || s.nullable)
    return fc.oneof(
      ...types.map((t) => validValue({ ...s, type: t, nullable: false }, resolve, depth)),
      ...(s.nullable ? [fc.constant(null)] : []),
    );
  switch (types[0]) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (s.prefixItems)
        return fc.tuple(...s.prefixItems.map((p) => validValue(p, resolve, depth + 1)));
      const min = s.minItems ?? 0;
      const max = Math.max(min, Math.min(s.maxItems ?? min + 3, min + 3));
      const item = s.items === false ? fc.constant(null) : validValue(s.items, resolve, depth + 1);
      return fc.array(item, { minLength: min, maxLength: max });
    }
    case 'object':
      return objectArb(s, resolve, depth);
    default:
      return s.properties ? objectArb(s, resolve, depth) : fc.jsonValue({ maxDepth: 2 });
  }
}
