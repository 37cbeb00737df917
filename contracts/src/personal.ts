import { z } from 'zod';

/**
 * Classes of personal information (PIPL art. 28; DESIGN.md "Personal information").
 * `identity`, `health` and live `location` are sensitive: encrypted at rest and audited when shown whole.
 */
export const PERSONAL_CLASSES = ['contact', 'identity', 'location', 'health'] as const;
export type PersonalClass = (typeof PERSONAL_CLASSES)[number];
export const SENSITIVE_CLASSES: ReadonlySet<PersonalClass> = new Set([
  'identity',
  'location',
  'health',
]);

export interface PersonalMeta {
  personal: PersonalClass;
}

/** Every schema that carries personal information is registered here with its class. */
export const personalRegistry = z.registry<PersonalMeta>();

/** Marks a field schema as personal information of the given class. */
export function personal<T extends z.ZodType>(schema: T, cls: PersonalClass): T {
  personalRegistry.add(schema, { personal: cls });
  return schema;
}

export function personalClassOf(schema: z.ZodType): PersonalClass | undefined {
  return personalRegistry.get(schema)?.personal;
}

/**
 * Names of object keys that hold personal information anywhere in the given schemas.
 * Used to redact logs: a key named here is never written out.
 */
export function personalFieldNames(schemas: Iterable<z.ZodType>): Set<string> {
  const names = new Set<string>();
  const seen = new Set<z.ZodType>();
  const visit = (schema: z.ZodType, key?: string): void => {
    if (seen.has(schema)) return;
    seen.add(schema);
    if (key && personalClassOf(schema)) names.add(key);
    if (schema instanceof z.ZodObject) {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- shape is loosely typed on a generic ZodObject
      for (const [k, v] of Object.entries(schema.shape as Record<string, z.ZodType>)) visit(v, k);
    } else if (
      schema instanceof z.ZodOptional ||
      schema instanceof z.ZodNullable ||
      schema instanceof z.ZodDefault
    ) {
      visit(schema.unwrap() as z.ZodType, key);
    } else if (schema instanceof z.ZodArray) {
      visit(schema.element as z.ZodType, key);
    } else if (schema instanceof z.ZodUnion || schema instanceof z.ZodDiscriminatedUnion) {
      for (const o of schema.options as readonly z.ZodType[]) visit(o, key);
    }
  };
  for (const s of schemas) visit(s);
  return names;
}
