import { z } from 'zod';
import { validValue, type JsonSchema, type Resolve } from './schema-arbitrary.ts';
import type fc from 'fast-check';

/** A zod schema as JSON Schema (what it accepts as input), with its `$defs` resolvable. */
export function zodJsonSchema(schema: z.ZodType): { json: JsonSchema; resolve: Resolve } {
  const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema & {
    $defs?: Record<string, JsonSchema>;
  };
  return { json, resolve: (ref) => json.$defs?.[ref.replace('#/$defs/', '')] };
}

/** Values a zod schema accepts, as far as its JSON Schema can say. */
export function validOf(schema: z.ZodType): fc.Arbitrary<unknown> {
  const { json, resolve } = zodJsonSchema(schema);
  return validValue(json, resolve);
}
