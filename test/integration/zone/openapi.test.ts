import { createHash, randomBytes } from 'node:crypto';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

/*
 * GET /openapi.json against the app itself: the set of (method, path) it documents is the set
 * of routes Fastify registered (recorded through buildApp's onRoute), so a route added without
 * a row in zone/src/openapi/ fails here; the document is valid OpenAPI 3.1; its schemas are
 * JSON Schemas; and real answers of the zone, success and error, match the schemas documented
 * for their status.
 */

interface ResponseObject {
  description: string;
  content?: Record<string, { schema?: unknown }>;
}
interface OperationObject {
  operationId?: string;
  summary?: string;
  parameters?: Array<{ name: string; in: string; schema?: unknown }>;
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, ResponseObject>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, unknown> };
}

const httpMethods = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options', 'trace'];
/** The 4xx/5xx answers that are not errors of the API: a probe's verdict, an empty 416. */
const notErrorShaped = new Set(['GET /readyz 503', 'GET /sha1/{hash} 416', 'HEAD /sha1/{hash} 416']);

let zone: TestZone;
let document: OpenApiDocument;
const registered: Array<{ method: string; url: string; exposeHeadRoute: boolean | undefined }> = [];
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

beforeAll(async () => {
  zone = await createTestZoneApp({
    onRoute: (route) => {
      for (const method of [route.method].flat()) {
        registered.push({ method, url: route.url, exposeHeadRoute: route.exposeHeadRoute });
      }
    },
  });
  await zone.app.ready();
  const res = await zone.app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  document = res.json();
});
afterAll(async () => {
  await zone?.close();
});

/** `/api/v1/feeds/:feedId` → `/api/v1/feeds/{feedId}`. */
const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function registeredOperations(): string[] {
  // Fastify adds a HEAD route beside every GET unless the GET says exposeHeadRoute: false (as
  // GET /sha1/:hash does, to register its own HEAD): those copies are not routes of their own.
  const headCopied = new Set(
    registered.filter((r) => r.method === 'GET' && r.exposeHeadRoute !== false).map((r) => r.url),
  );
  const operations = registered
    .filter((r) => !(r.method === 'HEAD' && headCopied.has(r.url)))
    .map((r) => `${r.method} ${toOpenApiPath(r.url)}`);
  return [...new Set(operations)].sort();
}

function documentedOperations(): Array<[string, string, OperationObject]> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => httpMethods.includes(method))
      .map(([method, operation]): [string, string, OperationObject] => [method.toUpperCase(), path, operation]),
  );
}

/** The schema objects of an operation: parameters, request bodies and responses, by where they are. */
function schemasOf(operation: OperationObject): Array<[string, unknown]> {
  return [
    ...(operation.parameters ?? []).map((p): [string, unknown] => [`parameter ${p.name}`, p.schema]),
    ...Object.entries(operation.requestBody?.content ?? {}).map(([type, m]): [string, unknown] => [
      `request ${type}`,
      m.schema,
    ]),
    ...Object.entries(operation.responses).flatMap(([status, response]) =>
      Object.entries(response.content ?? {}).map(([type, m]): [string, unknown] => [`${status} ${type}`, m.schema]),
    ),
  ];
}

/** The value at a local `$ref` (`#/components/schemas/ErrorBody`), or undefined. */
function resolveRef(ref: string): unknown {
  let current: unknown = document;
  for (const part of ref.replace(/^#\//, '').split('/')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return current;
}

/** The schema with every local `$ref` replaced by what it names, so Ajv can compile it alone. */
function inlineRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(inlineRefs);
  if (schema === null || typeof schema !== 'object') return schema;
  const { $ref, ...rest } = schema as Record<string, unknown>;
  const inlined = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, inlineRefs(value)]));
  return typeof $ref === 'string' ? { ...(inlineRefs(resolveRef($ref)) as object), ...inlined } : inlined;
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string' ? [inner] : refsIn(inner),
  );
}

describe('GET /openapi.json', () => {
  it('documents exactly the routes the app registers', () => {
    const actual = registeredOperations();
    // The hook saw the app's routes, HEAD /sha1/{hash} (its own route) among them.
    expect(actual.length).toBeGreaterThan(30);
    expect(actual).toContain('HEAD /sha1/{hash}');
    expect(actual).toContain('GET /api/v1/edge/connect');
    const documented = documentedOperations().map(([method, path]) => `${method} ${path}`);
    expect({
      undocumented: actual.filter((op) => !documented.includes(op)),
      documentedButNotRegistered: documented.filter((op) => !actual.includes(op)),
    }).toEqual({ undocumented: [], documentedButNotRegistered: [] });
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(document.openapi).toBe('3.1.0');
  });

  it('gives every operation a summary, a unique operationId, its path parameters and a success answer', () => {
    const ids = new Set<string>();
    for (const [method, path, operation] of documentedOperations()) {
      const where = `${method} ${path}`;
      expect(operation.summary?.trim(), where).toBeTruthy();
      expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      expect(ids.has(operation.operationId as string), `${where}: operationId used twice`).toBe(false);
      ids.add(operation.operationId as string);
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = (operation.parameters ?? [])
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      expect(declared, where).toEqual(inPath);
      expect(
        Object.keys(operation.responses).some((status) => /^[123]/.test(status)),
        where,
      ).toBe(true);
    }
  });

  it('describes every parameter, body and answer with a JSON Schema object, errors in the one error shape', () => {
    for (const [method, path, operation] of documentedOperations()) {
      for (const [what, schema] of schemasOf(operation)) {
        const where = `${method} ${path} ${what}`;
        expect(schema !== null && typeof schema === 'object' && !Array.isArray(schema), where).toBe(true);
        expect(ajv.validateSchema(schema as object), `${where}: ${ajv.errorsText(ajv.errors)}`).toBe(true);
        expect(() => ajv.compile(inlineRefs(schema) as object), where).not.toThrow();
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        const where = `${method} ${path} ${status}`;
        if (!/^[45]/.test(status) || notErrorShaped.has(where)) continue;
        expect(refsIn(response.content?.['application/json']?.schema), where).toContain(
          '#/components/schemas/ErrorBody',
        );
      }
    }
    for (const ref of refsIn(document)) expect(resolveRef(ref), ref).toBeDefined();
  });

  it('matches what the zone answers, success and error', async () => {
    const z = zone.zoneName;
    /** Sends a request, expects `status`, and checks it and the body against the document. */
    const call = async (
      method: HTTPMethods,
      template: string,
      url: string,
      status: number,
      payload?: object | Buffer,
    ): Promise<LightMyRequestResponse> => {
      const res = await zone.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
      const where = `${method} ${url}`;
      expect(res.statusCode, `${where}: ${res.body.slice(0, 300)}`).toBe(status);
      const operation = document.paths[template]?.[method.toLowerCase()];
      expect(operation, `${method} ${template} is not documented`).toBeDefined();
      const responses = (operation as OperationObject).responses;
      const response = responses[String(status)] ?? responses[`${String(status)[0]}XX`];
      expect(response, `${where}: status ${status} is not documented`).toBeDefined();
      const schema = response?.content?.['application/json']?.schema;
      if (schema !== undefined) {
        const validate = ajv.compile(inlineRefs(schema) as object);
        expect(validate(res.json()), `${where}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
      return res;
    };

    await call('GET', '/healthz', '/healthz', 200);
    await call('GET', '/readyz', '/readyz', 200);

    const bytes = randomBytes(16);
    const sha1 = createHash('sha1').update(bytes).digest('hex');
    const missing = randomBytes(20).toString('hex');
    const target = (await call('POST', '/api/v1/uploads', `/api/v1/uploads?zone=${z}`, 201, { sha1, size: 16 })).json();
    await call('PUT', '/api/v1/uploads/{uploadId}', `/api/v1/uploads/${target.uploadId}`, 200, bytes);
    await call('POST', '/api/v1/uploads/{uploadId}/finalize', `/api/v1/uploads/${target.uploadId}/finalize`, 200);
    await call('POST', '/api/v1/uploads', `/api/v1/uploads?zone=${z}`, 200, { sha1, size: 16 });
    await call('GET', '/api/v1/blobs/{hash}', `/api/v1/blobs/${sha1}?zone=${z}`, 200);
    await call('GET', '/api/v1/blobs/{hash}', `/api/v1/blobs/${missing}?zone=${z}`, 404);
    await call('GET', '/sha1/{hash}', `/sha1/${sha1}?zone=${z}`, 200);
    await call('POST', '/api/v1/blobs/{hash}/signed-url', `/api/v1/blobs/${sha1}/signed-url?zone=${z}`, 200, {});
    await call('POST', '/api/v1/pins/{hash}', `/api/v1/pins/${sha1}?zone=${z}`, 200, {});
    await call('GET', '/api/v1/pins', `/api/v1/pins?zone=${z}`, 401);
    await call('GET', '/api/v1/usage', `/api/v1/usage?zone=${z}&from=2026-01-01&to=2026-01-31`, 401);

    const figure = (
      await call('POST', '/api/v1/figures', `/api/v1/figures?zone=${z}`, 201, {
        viewUri: 'gs://figurl/vegalite-2',
        dataUri: `sha1://${sha1}`,
        label: 'openapi test',
      })
    ).json().figure;
    await call('GET', '/api/v1/figures', `/api/v1/figures?zone=${z}`, 200);
    await call('GET', '/api/v1/figures/{id}', `/api/v1/figures/${figure.id}?zone=${z}`, 200);
    await call('PATCH', '/api/v1/figures/{id}', `/api/v1/figures/${figure.id}?zone=${z}`, 200, { pinned: true });
    await call('DELETE', '/api/v1/figures/{id}', `/api/v1/figures/${figure.id}?zone=${z}`, 200);

    const feed = (await call('POST', '/api/v1/feeds', `/api/v1/feeds?zone=${z}`, 201, {})).json();
    const feedUrl = `/api/v1/feeds/${feed.feedId}`;
    await call('POST', '/api/v1/feeds/{feedId}/messages', `${feedUrl}/messages?zone=${z}`, 200, {
      messages: [{ message: { step: 1 } }],
    });
    await call('POST', '/api/v1/feeds/{feedId}/messages', `${feedUrl}/messages?zone=${z}`, 409, {
      messages: [{ message: { step: 2 } }],
      previousHash: null,
    });
    await call('GET', '/api/v1/feeds/{feedId}/messages', `${feedUrl}/messages?zone=${z}`, 200);
    await call('GET', '/api/v1/feeds/{feedId}', `${feedUrl}?zone=${z}`, 200);
    await call('DELETE', '/api/v1/feeds/{feedId}', `${feedUrl}?zone=${z}`, 200);
    await call('GET', '/api/v1/feeds/{feedId}', `${feedUrl}?zone=${z}`, 404);

    const curation = (await call('POST', '/api/v1/curations', `/api/v1/curations?zone=${z}`, 201, {})).json();
    const curationUrl = `/api/v1/curations/${curation.curationId}`;
    await call('GET', '/api/v1/curations/{curationId}', `${curationUrl}?zone=${z}`, 200);
    await call('POST', '/api/v1/curations/{curationId}/actions', `${curationUrl}/actions?zone=${z}`, 200, {
      actions: [{ type: 'ADD_UNIT_LABEL', unitId: 1, label: 'good' }],
    });
    await call('GET', '/api/v1/events', `/api/v1/events?zone=${z}&topic=curation.changed`, 401);

    const key = new URLSearchParams({ zone: z, key: `@openapi/k-${randomBytes(3).toString('hex')}` }).toString();
    await call('PUT', '/api/v1/mutables', `/api/v1/mutables?${key}`, 200, { value: { step: 1 } });
    await call('GET', '/api/v1/mutables', `/api/v1/mutables?${key}`, 200);
    await call('GET', '/api/v1/mutables/history', `/api/v1/mutables/history?${key}`, 200);
    await call('DELETE', '/api/v1/mutables', `/api/v1/mutables?${key}`, 200);
    await call('GET', '/api/v1/mutables', `/api/v1/mutables?${key}`, 404);

    await call('POST', '/api/v1/blobs/{hash}/request', `/api/v1/blobs/${missing}/request?zone=${z}`, 404);
    await call('GET', '/api/v1/edge/connect', `/api/v1/edge/connect?zone=${z}&name=lab-pc`, 400);
    await call('POST', '/api/gateway', '/api/gateway', 400, {});
    await call('GET', '/client/{clientId}', `/client/${randomBytes(32).toString('hex')}?zone=${z}`, 404);
  });
});
