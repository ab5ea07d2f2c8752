import { maxMutableKeyLength, mutableKeySchema, mutableValueSchema, sha1HashSchema } from '@figurl/sdk';
import { z } from 'zod';

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) as a plain object. */
export type JsonSchema = Record<string, unknown>;

/**
 * What zod cannot say about schemas checked by code (`refine`, `superRefine`, `custom`), said by
 * hand so clients still see the rule. Keyed by the sdk's schema instances, which every wire
 * schema reuses.
 */
const extraKeywords = new Map<unknown, JsonSchema>([
  [sha1HashSchema, { pattern: '^[0-9a-f]{40}$', description: '40 lowercase hex characters' }],
  [
    mutableKeySchema,
    {
      minLength: 1,
      maxLength: maxMutableKeyLength,
      pattern: '^[A-Za-z0-9._~:+=,@/-]+$',
      description: 'a key like "@folder/@sub/name": every segment but the last is a folder starting with "@"',
    },
  ],
  [mutableValueSchema, { not: { type: 'null' }, description: 'any JSON value but null' }],
]);

/**
 * The JSON Schema of a wire schema, as the zone reads it (`io: 'input'`: defaults make fields
 * optional, text before a transform) or as it writes it (`io: 'output'`). Recursive schemas are
 * refused: their `$ref`s would point into the OpenAPI document's root, not the schema's.
 *
 * @example
 * toJsonSchema(blobSchema, 'output'); // { type: 'object', properties: { sha1: …, … }, … }
 */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    cycles: 'throw',
    override: ({ zodSchema, jsonSchema }) => {
      Object.assign(jsonSchema, extraKeywords.get(zodSchema));
    },
  });
  return json;
}
