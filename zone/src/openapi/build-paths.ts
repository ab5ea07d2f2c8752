import { actingForErrors, actingForHeader, sharedNotes } from './common.js';
import { type ErrorNotes, toErrorResponses } from './errors.js';
import type { MediaType, Operation, ResponseSpec } from './operation.js';
import { type JsonSchema, toJsonSchema } from './to-json-schema.js';

/**
 * The `paths` of the document from the table of operations. Throws when an operation is listed
 * twice or its `params` do not name exactly the `{parameters}` of its path: a table that
 * disagrees with itself fails when the zone starts, not in a client.
 */
export function buildPaths(operations: readonly Operation[]): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const item = paths[operation.path] ?? {};
    paths[operation.path] = item;
    const method = operation.method.toLowerCase();
    if (item[method] !== undefined) throw new Error(`${operation.method} ${operation.path} is documented twice`);
    item[method] = toOperationObject(operation);
  }
  return paths;
}

function toOperationObject(operation: Operation): Record<string, unknown> {
  const { method, path, tag, params, query, parameterNotes, headers, body, responses, errors, authenticated, ...rest } =
    operation;
  const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
  const declared = Object.keys(params?.shape ?? {});
  if (inPath.join() !== declared.join()) {
    throw new Error(`${method} ${path}: expected path parameters [${inPath.join()}], got [${declared.join()}]`);
  }
  const notes = { ...sharedNotes, ...parameterNotes };
  // Routes that read a bearer token also take X-Figurl-Acting-For (a delegate token's user).
  const delegable = authenticated !== false;
  const parameters = [
    ...(params ? toParameters(toJsonSchema(params, 'input'), 'path', notes) : []),
    ...(query ? toParameters(toJsonSchema(query, 'input'), 'query', notes) : []),
    ...[...(headers ?? []), ...(delegable ? [actingForHeader] : [])].map(({ required = false, ...header }) => ({
      ...header,
      in: 'header',
      required,
    })),
  ];
  return {
    tags: [tag],
    ...rest,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: { required: body.required, content: toRequestContent(body) } } : {}),
    responses: { ...toSuccessResponses(responses), ...toErrorResponses(delegable ? withActingFor(errors) : errors) },
    ...(authenticated === false ? { security: [] } : {}),
  };
}

/** The route's refusals plus those of X-Figurl-Acting-For. */
function withActingFor(errors: ErrorNotes): ErrorNotes {
  const merged: ErrorNotes = { ...errors };
  for (const [code, note] of Object.entries(actingForErrors) as Array<[keyof ErrorNotes, string]>) {
    merged[code] = merged[code] === undefined ? note : `${merged[code]}; ${note}`;
  }
  return merged;
}

/** One parameter per property of the object schema the route parses its path or query with. */
function toParameters(object: JsonSchema, where: 'path' | 'query', notes: Record<string, string>) {
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, schema]) => {
    const { description, ...rest } = schema;
    const text = notes[name] ?? description;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(text === undefined ? {} : { description: text }),
      schema: rest,
    };
  });
}

function toRequestContent(body: NonNullable<Operation['body']>): Record<string, MediaType> {
  return 'json' in body ? { 'application/json': { schema: toJsonSchema(body.json, 'input') } } : body.content;
}

function toSuccessResponses(responses: Record<number, ResponseSpec>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [status, { description, json, content, headers }] of Object.entries(responses)) {
    const media = { ...(json ? { 'application/json': { schema: toJsonSchema(json, 'output') } } : {}), ...content };
    result[status] = {
      description,
      ...(headers ? { headers } : {}),
      ...(Object.keys(media).length > 0 ? { content: media } : {}),
    };
  }
  return result;
}
