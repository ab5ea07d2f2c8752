import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleFetch } from '../../../app/lib/fetch-handler';
import type { ShellConfig } from '../../../app/lib/shell-config';
import { shellUrl } from './shell-harness';

let server: Server;
let origin: string;
let host: string;
const seen: IncomingHttpHeaders[] = [];
const figureJson = JSON.stringify({ spec: { mark: 'bar', data: { values: [{ a: 1 }] } } });

beforeAll(async () => {
  // A data server that sends no CORS headers, which is why a browser cannot read it directly.
  server = createServer((req, res) => {
    seen.push(req.headers);
    if (req.url === '/figure.json') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(figureJson);
    } else if (req.url === '/private.json') {
      res.writeHead(403).end('forbidden');
    } else {
      res.writeHead(404).end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function deps(fetchAllowHosts: string[]): { config: ShellConfig } {
  return { config: { fetchAllowHosts, shellUrl } as ShellConfig };
}

function proxy(url: string, allow: string[], headers: Record<string, string> = {}): Promise<Response> {
  return handleFetch(new Request(`${shellUrl}/api/fetch?url=${encodeURIComponent(url)}`, { headers }), deps(allow));
}

describe('GET /api/fetch', () => {
  it('answers the bytes with their length, as octet-stream whatever the server said, without the caller’s cookies', async () => {
    const response = await proxy(`${origin}/figure.json`, [host], {
      cookie: 'figurl_session=sealed-value',
      authorization: 'Bearer secret',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(figureJson);
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(figureJson)));
    expect(response.headers.get('x-figurl-content-length')).toBe(String(Buffer.byteLength(figureJson)));
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
    const upstream = seen.at(-1);
    expect(upstream?.cookie).toBeUndefined();
    expect(upstream?.authorization).toBeUndefined();
  });

  it('refuses the server’s own network unless the host is allowed', async () => {
    const response = await proxy(`${origin}/figure.json`, []);
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect(body.message).toContain('127.0.0.1');
  });

  it('maps the other server’s errors to figurl errors naming the URL', async () => {
    const missing = await proxy(`${origin}/gone.json`, [host]);
    expect(missing.status).toBe(404);
    expect((await missing.json()).message).toContain(`"${origin}/gone.json" answered HTTP 404`);
    const forbidden = await proxy(`${origin}/private.json`, [host]);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).message).toMatch(/without any/);
  });

  it('takes http(s) URLs only', async () => {
    const response = await proxy('file:///etc/passwd', ['127.0.0.1']);
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe('INVALID_URI');
    const missing = await handleFetch(new Request(`${shellUrl}/api/fetch`), deps([]));
    expect(missing.status).toBe(400);
  });
});
