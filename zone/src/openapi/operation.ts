import type { ErrorCode } from '@figurl/sdk';
import type { z } from 'zod';
import type { JsonSchema } from './to-json-schema.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A body that is not JSON of a wire schema (bytes, text, an event stream), described by hand. */
export interface MediaType {
  schema: JsonSchema;
  [extension: `x-${string}`]: unknown;
}

export interface ResponseSpec {
  description: string;
  /** JSON by this wire schema, as the zone writes it. */
  json?: z.ZodType;
  /** Other media types. */
  content?: Record<string, MediaType>;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
}

export interface HeaderParameter {
  name: string;
  description: string;
  required?: boolean;
  schema: JsonSchema;
}

/**
 * One route of the zone, as `/openapi.json` describes it. Parameters and bodies are the sdk's zod
 * schemas the route parses with, so the document follows them.
 */
export interface Operation {
  method: HttpMethod;
  /** OpenAPI form: `/api/v1/feeds/{feedId}` for Fastify's `/api/v1/feeds/:feedId`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /** One field per `{name}` of the path. */
  params?: z.ZodObject;
  /** One field per query parameter. */
  query?: z.ZodObject;
  /** Descriptions of path and query parameters, by name. */
  parameterNotes?: Record<string, string>;
  headers?: HeaderParameter[];
  /** A JSON body by this wire schema (as the zone reads it), or other media types. */
  body?: { json: z.ZodType; required: boolean } | { content: Record<string, MediaType>; required: boolean };
  responses: Record<number, ResponseSpec>;
  /** The error codes the route answers with, and when. */
  errors: Partial<Record<ErrorCode, string>>;
  /** False for routes that never look at credentials. */
  authenticated?: false;
  [extension: `x-${string}`]: unknown;
}
