import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, isIPv4 } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFigurlError } from '@figurl/sdk';
import { type SafeFetchLookup, type SafeFetchOptions, safeFetch } from '@figurl/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeNonPublicAddress } from '../../../sdk/src/node/describe-non-public-address.js';
import { rejection } from '../../support/rejection.js';

/*
 * G18 (SSRF): safeFetch, the server-side fetch of user-supplied URLs, against real HTTP(S)
 * servers on loopback. Every refusal is checked twice: the error (code and message), and the
 * loopback server it would have reached saw no request. Where the refused URL does reach a
 * server once its host is allowed (the controls), the test shows it, so a refusal cannot pass by
 * merely failing to connect. Names resolve through an injected table, never through real DNS.
 */

interface TestServer {
  port: number;
  /** `METHOD path` of every request seen, with its headers. */
  hits: { line: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, server: TestServer) => void;

const answerSecret: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' }).end('internal secret');
};

async function listen(server: Server, host: string, handle: Handler): Promise<TestServer> {
  const test: TestServer = {
    port: 0,
    hits: [],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    test.hits.push({ line: `${req.method} ${req.url}`, headers: req.headers });
    handle(req, res, test);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  test.port = (server.address() as AddressInfo).port;
  return test;
}

function startServer(handle: Handler, host = '127.0.0.1'): Promise<TestServer> {
  return listen(createHttpServer(), host, handle);
}

/** A resolver over a fixed table that records each name asked; unknown names fail as ENOTFOUND. */
function fakeDns(table: Record<string, string[] | (() => string[])>): SafeFetchLookup & { asked: string[] } {
  const asked: string[] = [];
  const lookup = async (hostname: string) => {
    asked.push(hostname);
    const entry = table[hostname];
    const addresses = typeof entry === 'function' ? entry() : entry;
    if (addresses === undefined) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    }
    return addresses.map((address) => ({ address, family: isIPv4(address) ? 4 : 6 }));
  };
  return Object.assign(lookup, { asked });
}

/** A public address (example.com's) that never reaches the servers on loopback. */
const publicAddress = '93.184.215.14';

let target: TestServer;
let target6: TestServer;
const closeLater: TestServer[] = [];

beforeAll(async () => {
  target = await startServer(answerSecret);
  target6 = await startServer(answerSecret, '::1');
  closeLater.push(target, target6);
});

afterAll(async () => {
  await Promise.all(closeLater.map((s) => s.close()));
});

async function expectRefused(
  url: string,
  options: SafeFetchOptions,
  expected: { code: string; message: string | RegExp },
): Promise<void> {
  const before = target.hits.length + target6.hits.length;
  const err = await rejection(safeFetch(url, { timeoutMs: 5_000, ...options }));
  expect(err.code).toBe(expected.code);
  if (typeof expected.message === 'string') expect(err.message).toBe(expected.message);
  else expect(err.message).toMatch(expected.message);
  expect(target.hits.length + target6.hits.length).toBe(before);
}

describe('G18: loopback in all its spellings is refused', () => {
  // Each URL names the loopback server's real port (allowed by allowPorts), so only the address
  // check stands between the URL and the "internal secret".
  const variants: { name: string; url: (p: number) => string; reason: RegExp; allow?: (p: number) => string }[] = [
    { name: '127.0.0.1', url: (p) => `http://127.0.0.1:${p}/`, reason: /127\.0\.0\.1 is a loopback address/ },
    { name: '127.0.0.2 (all of 127/8)', url: (p) => `http://127.0.0.2:${p}/`, reason: /127\.0\.0\.2 is a loopback/ },
    {
      name: 'localhost',
      url: (p) => `http://localhost:${p}/`,
      reason: /localhost is a loopback name/,
      allow: (p) => `localhost:${p}`,
    },
    { name: 'LOCALHOST.', url: (p) => `http://LOCALHOST.:${p}/`, reason: /localhost\. is a loopback name/ },
    { name: 'sub.localhost', url: (p) => `http://sub.localhost:${p}/`, reason: /sub\.localhost is a loopback name/ },
    {
      name: 'decimal 2130706433',
      url: (p) => `http://2130706433:${p}/`,
      reason: /127\.0\.0\.1 is a loopback/,
      allow: (p) => `127.0.0.1:${p}`,
    },
    {
      name: 'hex 0x7f000001',
      url: (p) => `http://0x7f000001:${p}/`,
      reason: /127\.0\.0\.1 is a loopback/,
      allow: (p) => `127.0.0.1:${p}`,
    },
    {
      name: 'octal 0177.0.0.1',
      url: (p) => `http://0177.0.0.1:${p}/`,
      reason: /127\.0\.0\.1 is a loopback/,
      allow: (p) => `127.0.0.1:${p}`,
    },
    {
      name: 'short 127.1',
      url: (p) => `http://127.1:${p}/`,
      reason: /127\.0\.0\.1 is a loopback/,
      allow: (p) => `127.0.0.1:${p}`,
    },
    {
      name: 'mixed 0x7f.1',
      url: (p) => `http://0x7f.1:${p}/`,
      reason: /127\.0\.0\.1 is a loopback/,
      allow: (p) => `127.0.0.1:${p}`,
    },
    {
      name: 'trailing dot 127.0.0.1.',
      url: (p) => `http://127.0.0.1.:${p}/`,
      reason: /127\.0\.0\.1 is a loopback/,
      allow: (p) => `127.0.0.1:${p}`,
    },
    {
      name: 'full-width digits',
      url: (p) => `http://１２７.０.０.１:${p}/`,
      reason: /127\.0\.0\.1 is a loopback/,
      allow: (p) => `127.0.0.1:${p}`,
    },
    {
      name: 'percent-encoded',
      url: (p) => `http://%31%32%37.0.0.1:${p}/`,
      reason: /127\.0\.0\.1 is a loopback/,
      allow: (p) => `127.0.0.1:${p}`,
    },
    {
      name: '0.0.0.0 (Linux connects it to this machine)',
      url: (p) => `http://0.0.0.0:${p}/`,
      reason: /0\.0\.0\.0 is an unspecified address/,
      allow: (p) => `0.0.0.0:${p}`,
    },
    { name: '0', url: (p) => `http://0:${p}/`, reason: /0\.0\.0\.0 is an unspecified/ },
    {
      name: '[::ffff:127.0.0.1]',
      url: (p) => `http://[::ffff:127.0.0.1]:${p}/`,
      reason: /::ffff:7f00:1 is an IPv4-mapped address of 127\.0\.0\.1, a loopback address/,
      allow: (p) => `[::ffff:7f00:1]:${p}`,
    },
    {
      name: '[::ffff:7f00:1]',
      url: (p) => `http://[::ffff:7f00:1]:${p}/`,
      reason: /::ffff:7f00:1 is an IPv4-mapped address of 127/,
    },
    {
      name: '[::127.0.0.1] (IPv4-compatible)',
      url: (p) => `http://[::127.0.0.1]:${p}/`,
      reason: /::7f00:1 is an IPv4-compatible address/,
    },
    { name: '[::]', url: (p) => `http://[::]:${p}/`, reason: /:: is an unspecified address/ },
  ];

  it.each(variants)('$name', async ({ url, reason }) => {
    await expectRefused(
      url(target.port),
      { allowPorts: [target.port], lookup: fakeDns({}) },
      {
        code: 'FORBIDDEN',
        message: new RegExp(
          `^refused to fetch ${escapeRegExp(JSON.stringify(url(target.port)))}: ${reason.source}.*; expected a public`,
        ),
      },
    );
  });

  it('[::1] is refused, and the IPv6 loopback server saw nothing', async () => {
    await expectRefused(
      `http://[::1]:${target6.port}/`,
      { allowPorts: [target6.port] },
      {
        code: 'FORBIDDEN',
        message: `refused to fetch "http://[::1]:${target6.port}/": ::1 is a loopback address; expected a public address`,
      },
    );
  });

  const controls = variants.filter((v) => v.allow !== undefined);
  it.each(controls)('control: $name reaches the server once allowed, so its refusal is the guard’s', async (v) => {
    const before = target.hits.length;
    const allow = v.allow?.(target.port) ?? '';
    const response = await safeFetch(v.url(target.port), { allowHosts: [allow], timeoutMs: 5_000 });
    expect(new TextDecoder().decode(response.body)).toBe('internal secret');
    expect(target.hits.length).toBe(before + 1);
  });

  it('control: [::1] reaches the IPv6 server once allowed', async () => {
    const response = await safeFetch(`http://[::1]:${target6.port}/`, { allowHosts: [`[::1]:${target6.port}`] });
    expect(response.status).toBe(200);
    expect(target6.hits.length).toBe(1);
    target6.hits.length = 0;
  });
});

describe('G18: private, link-local and special-purpose addresses are refused', () => {
  const cases: [string, RegExp][] = [
    ['http://10.0.0.1/x', /^10\.0\.0\.1 is a private address$/],
    ['http://10.255.255.255/', /is a private address/],
    ['http://172.16.0.1/', /^172\.16\.0\.1 is a private address$/],
    ['http://172.31.255.254/', /is a private address/],
    ['http://192.168.1.1/', /^192\.168\.1\.1 is a private address$/],
    ['http://169.254.169.254/latest/meta-data/', /^169\.254\.169\.254 is a link-local address$/],
    ['http://100.64.0.1/', /^100\.64\.0\.1 is a carrier-grade NAT address$/],
    ['http://255.255.255.255/', /is a broadcast address/],
    ['http://224.0.0.1/', /is a multicast address/],
    ['http://192.0.2.1/', /is a reserved address/],
    ['http://198.18.0.1/', /is a reserved address/],
    ['http://240.0.0.1/', /is a reserved address/],
    ['http://[fe80::1]/', /^fe80::1 is a link-local address$/],
    ['http://[fc00::1]/', /^fc00::1 is a private \(unique local\) address$/],
    ['http://[fd00::2]/', /is a private \(unique local\) address/],
    ['http://[ff02::1]/', /is a multicast address/],
    ['http://[2001:db8::1]/', /is a reserved address/],
    ['http://[::ffff:10.0.0.1]/', /IPv4-mapped address of 10\.0\.0\.1, a private address/],
    ['http://[::ffff:169.254.169.254]/', /IPv4-mapped address of 169\.254\.169\.254, a link-local/],
    ['http://[64:ff9b::7f00:1]/', /^64:ff9b::7f00:1 is a NAT64 address of 127\.0\.0\.1, a loopback address$/],
    ['http://[64:ff9b::10.0.0.1]/', /NAT64 address of 10\.0\.0\.1, a private address/],
    ['http://[2002:7f00:1::]/', /^2002:7f00:1:: is a 6to4 address of 127\.0\.0\.1, a loopback address$/],
    ['http://[2002:a9fe:a9fe::1]/', /6to4 address of 169\.254\.169\.254, a link-local address/],
  ];

  it.each(cases)('%s', async (url, reason) => {
    const err = await rejection(safeFetch(url, { lookup: fakeDns({}), timeoutMs: 5_000 }));
    expect(err.code).toBe('FORBIDDEN');
    const prefix = `refused to fetch ${JSON.stringify(url)}: `;
    expect(err.message.startsWith(prefix)).toBe(true);
    const reasonText = err.message.slice(prefix.length).replace(/; expected a public address$/, '');
    expect(reasonText).toMatch(reason);
  });
});

describe('G18: the address check refuses no more than it should', () => {
  // Without these, a guard that refused everything would pass every test above.
  it.each([
    ['93.184.215.14'],
    ['8.8.8.8'],
    ['11.0.0.1'],
    ['126.255.255.255'],
    ['128.0.0.1'],
    ['172.15.255.255'],
    ['172.32.0.1'],
    ['100.63.255.255'],
    ['100.128.0.1'],
    ['169.253.255.255'],
    ['192.169.0.1'],
    ['223.255.255.254'],
    ['2606:4700::1111'],
    ['2a00:1450:4001:80b::200e'],
    ['::ffff:5db8:d70e'],
    ['64:ff9b::5db8:d70e'],
    ['2002:5db8:d70e::1'],
  ])('%s is public', (address) => {
    expect(describeNonPublicAddress(address)).toBeNull();
  });

  it.each([
    ['0.255.255.255'],
    ['10.255.255.255'],
    ['100.127.255.255'],
    ['127.255.255.255'],
    ['169.254.0.0'],
    ['172.31.255.255'],
    ['192.168.255.255'],
    ['fdff:ffff::1'],
    ['febf::1'],
    ['2001::1'],
    ['64:ff9b:1::a00:1'],
    ['not-an-ip'],
  ])('%s, at the edge of a range, is not', (address) => {
    expect(describeNonPublicAddress(address)).not.toBeNull();
  });
});

describe('G18: names are resolved and every address checked', () => {
  it('a name resolving to 127.0.0.1 is refused without a connection', async () => {
    const dns = fakeDns({ 'evil.test': ['127.0.0.1'] });
    await expectRefused(
      `http://evil.test:${target.port}/`,
      { allowPorts: [target.port], lookup: dns },
      {
        code: 'FORBIDDEN',
        message: `refused to fetch "http://evil.test:${target.port}/": evil.test resolves to a loopback address; expected only public addresses`,
      },
    );
    expect(dns.asked).toEqual(['evil.test']);
  });

  it('control: the same name once allowed connects to the address the lookup gave', async () => {
    const before = target.hits.length;
    const dns = fakeDns({ 'evil.test': ['127.0.0.1'] });
    const response = await safeFetch(`http://evil.test:${target.port}/`, {
      allowHosts: [`evil.test:${target.port}`],
      lookup: dns,
    });
    expect(response.status).toBe(200);
    expect(target.hits.length).toBe(before + 1);
    expect(target.hits.at(-1)?.headers.host).toBe(`evil.test:${target.port}`);
  });

  it.each([
    [[publicAddress, '127.0.0.1'], 'a loopback address'],
    [['127.0.0.1', publicAddress], 'a loopback address'],
    [['2606:4700::1111', '::ffff:169.254.169.254'], 'an IPv4-mapped address of 169.254.169.254, a link-local address'],
    [[publicAddress, '10.1.2.3'], 'a private address'],
  ])('a name resolving to %j is refused (one private address is enough)', async (addresses, why) => {
    await expectRefused(
      `http://mixed.test:${target.port}/`,
      { allowPorts: [target.port], lookup: fakeDns({ 'mixed.test': addresses }) },
      {
        code: 'FORBIDDEN',
        message: `refused to fetch "http://mixed.test:${target.port}/": mixed.test resolves to ${why}; expected only public addresses`,
      },
    );
  });

  it('the address of a private name stays out of the message', async () => {
    const err = await rejection(safeFetch('http://db.test/', { lookup: fakeDns({ 'db.test': ['10.9.8.7'] }) }));
    expect(err.message).not.toContain('10.9.8.7');
  });

  it('DNS rebinding: a second, private answer is never asked for, so never connected to', async () => {
    let answers = 0;
    const before = target.hits.length;
    const dns = fakeDns({ 'rebind.test': () => (answers++ === 0 ? [publicAddress] : ['127.0.0.1']) });
    // The public address is outside this machine: whatever happens there (refused, unreachable,
    // timed out or answered by a sandbox), the loopback server must see nothing.
    const outcome = await safeFetch(`http://rebind.test:${target.port}/`, {
      allowPorts: [target.port],
      lookup: dns,
      timeoutMs: 1_000,
    }).catch((err: unknown) => err);
    expect(isFigurlError(outcome, 'FORBIDDEN')).toBe(false);
    expect(dns.asked).toEqual(['rebind.test']);
    expect(target.hits.length).toBe(before);
  });

  it('a name that does not resolve is UNAVAILABLE, naming it', async () => {
    const err = await rejection(safeFetch('http://nowhere.test/', { lookup: fakeDns({}) }));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toBe(
      'could not fetch "http://nowhere.test/": cannot resolve nowhere.test (getaddrinfo ENOTFOUND nowhere.test)',
    );
  });
});

describe('G18: schemes, credentials and ports', () => {
  it.each([
    ['file:///etc/passwd'],
    [`gopher://127.0.0.1:6379/_INFO`],
    ['data:text/plain,hello'],
    ['javascript:alert(1)'],
    ['ftp://example.org/file'],
    ['ws://example.org/'],
  ])('%s is INVALID_URI', async (url) => {
    await expectRefused(
      url,
      { lookup: fakeDns({}) },
      { code: 'INVALID_URI', message: `refused to fetch ${JSON.stringify(url)}: expected an http:// or https:// URL` },
    );
  });

  it.each([['not a url'], ['//127.0.0.1/'], ['']])('%j is INVALID_URI', async (url) => {
    await expectRefused(url, {}, { code: 'INVALID_URI', message: /expected an absolute http:\/\/ or https:\/\/ URL$/ });
  });

  it('credentials in the URL are refused, even for an allowed host, and not repeated', async () => {
    const url = `http://admin:hunter2@127.0.0.1:${target.port}/`;
    await expectRefused(
      url,
      { allowHosts: [`127.0.0.1:${target.port}`] },
      {
        code: 'INVALID_URI',
        message: `refused to fetch "http://127.0.0.1:${target.port}/": expected no user name or password in the URL`,
      },
    );
  });

  it('a port other than 80 and 443 is refused on a public host', async () => {
    await expectRefused(
      'http://public.test:8080/',
      { lookup: fakeDns({ 'public.test': [publicAddress] }) },
      {
        code: 'FORBIDDEN',
        message: 'refused to fetch "http://public.test:8080/": port 8080 is not allowed; expected 80 or 443',
      },
    );
  });

  it('an allowed host without a port does not allow other ports', async () => {
    await expectRefused(
      `http://127.0.0.1:${target.port}/`,
      { allowHosts: ['127.0.0.1'] },
      {
        code: 'FORBIDDEN',
        message: `refused to fetch "http://127.0.0.1:${target.port}/": port ${target.port} is not allowed; expected 80 or 443`,
      },
    );
  });

  it('an allowed host:port does not allow the host on another port', async () => {
    await expectRefused(
      `http://127.0.0.1:${target.port}/`,
      { allowHosts: [`127.0.0.1:${target.port + 1}`], allowPorts: [target.port] },
      { code: 'FORBIDDEN', message: /127\.0\.0\.1 is a loopback address/ },
    );
  });

  it('a malformed allowHosts entry is INVALID_REQUEST', async () => {
    const err = await rejection(safeFetch('http://public.test/', { allowHosts: ['http://127.0.0.1/'] }));
    expect(err.code).toBe('INVALID_REQUEST');
    expect(err.message).toBe('invalid allowHosts entry "http://127.0.0.1/": expected host or host:port');
  });
});

describe('G18: redirects are checked hop by hop', () => {
  let redirector: TestServer;
  let locationFor: (path: string) => string;
  const dns = fakeDns({ 'public.test': ['127.0.0.1'], 'evil.test': ['127.0.0.1'] });

  beforeAll(async () => {
    redirector = await startServer((req, res) => {
      res.writeHead(302, { location: locationFor(req.url ?? '/') }).end();
    });
    closeLater.push(redirector);
  });

  /** The first hop is "public" (an allowed name), as a real public host would be. */
  const firstHop = () => ({
    allowHosts: [`public.test:${redirector.port}`],
    allowPorts: [target.port],
    lookup: dns,
    timeoutMs: 5_000,
  });

  it.each([
    // PORT: the loopback server's.
    ['http://127.0.0.1:PORT/secret', /127\.0\.0\.1 is a loopback address/],
    ['http://2130706433:PORT/secret', /127\.0\.0\.1 is a loopback address/],
    ['http://localhost:PORT/secret', /localhost is a loopback name/],
    ['http://evil.test:PORT/secret', /evil\.test resolves to a loopback address/],
    ['http://[::ffff:127.0.0.1]:PORT/secret', /::ffff:7f00:1 is an IPv4-mapped address of 127\.0\.0\.1/],
    ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local address/],
  ])('a redirect to %s is refused', async (location, reason) => {
    locationFor = () => location.replace('PORT', String(target.port));
    const hitsBefore = redirector.hits.length;
    await expectRefused(`http://public.test:${redirector.port}/start`, firstHop(), {
      code: 'FORBIDDEN',
      message: new RegExp(
        `^refused to follow the redirect from "http://public\\.test:${redirector.port}/start" to "[^"]+": ${reason.source}`,
      ),
    });
    expect(redirector.hits.length).toBe(hitsBefore + 1);
  });

  it.each([['file:///etc/passwd'], ['gopher://127.0.0.1:6379/_x']])(
    'a redirect to %s is INVALID_URI',
    async (location) => {
      locationFor = () => location;
      await expectRefused(`http://public.test:${redirector.port}/start`, firstHop(), {
        code: 'INVALID_URI',
        message: /^refused to follow the redirect from .* expected an http:\/\/ or https:\/\/ URL$/,
      });
    },
  );

  it('control: the same redirect is followed when its target is allowed too', async () => {
    locationFor = () => `http://127.0.0.1:${target.port}/secret`;
    const before = target.hits.length;
    const response = await safeFetch(`http://public.test:${redirector.port}/start`, {
      ...firstHop(),
      allowHosts: [`public.test:${redirector.port}`, `127.0.0.1:${target.port}`],
    });
    expect(response.url).toBe(`http://127.0.0.1:${target.port}/secret`);
    expect(target.hits.length).toBe(before + 1);
  });

  it('authorization and cookies go to the first origin only, and nothing is sent unless given', async () => {
    locationFor = () => `http://127.0.0.1:${target.port}/next`;
    const allowHosts = [`public.test:${redirector.port}`, `127.0.0.1:${target.port}`];
    await safeFetch(`http://public.test:${redirector.port}/bare`, { ...firstHop(), allowHosts });
    const bare = redirector.hits.at(-1)?.headers ?? {};
    expect([bare.authorization, bare.cookie]).toEqual([undefined, undefined]);

    await safeFetch(`http://public.test:${redirector.port}/auth`, {
      ...firstHop(),
      allowHosts,
      headers: { Authorization: 'Bearer t0ken', Cookie: 'session=1', 'x-trace': 'abc' },
    });
    const first = redirector.hits.at(-1)?.headers ?? {};
    const second = target.hits.at(-1)?.headers ?? {};
    expect([first.authorization, first.cookie]).toEqual(['Bearer t0ken', 'session=1']);
    expect([second.authorization, second.cookie, second['x-trace']]).toEqual([undefined, undefined, 'abc']);
  });

  it('more than 5 redirects fail after exactly 6 requests; 5 are followed', async () => {
    let stopAt = Number.POSITIVE_INFINITY;
    const chain = await startServer((req, res) => {
      const n = Number(req.url?.slice(1));
      if (n >= stopAt) res.end('done');
      else res.writeHead(307, { location: `/${n + 1}` }).end();
    });
    closeLater.push(chain);
    const options = { allowHosts: [`127.0.0.1:${chain.port}`], timeoutMs: 5_000 };
    const err = await rejection(safeFetch(`http://127.0.0.1:${chain.port}/0`, options));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toBe(
      `could not fetch "http://127.0.0.1:${chain.port}/0": more than 5 redirects; expected an answer within 5`,
    );
    expect(chain.hits.map((h) => h.line)).toEqual(['GET /0', 'GET /1', 'GET /2', 'GET /3', 'GET /4', 'GET /5']);

    stopAt = 5;
    const response = await safeFetch(`http://127.0.0.1:${chain.port}/0`, options);
    expect([response.status, response.url]).toEqual([200, `http://127.0.0.1:${chain.port}/5`]);

    stopAt = Number.POSITIVE_INFINITY;
    chain.hits.length = 0;
    await rejection(safeFetch(`http://127.0.0.1:${chain.port}/0`, { ...options, maxRedirects: 1 }));
    expect(chain.hits).toHaveLength(2);
  });
});

describe('G18: https', () => {
  let dir: string;
  let cert: string;
  let secure: TestServer;
  const dns = fakeDns({ 'public.test': ['127.0.0.1'] });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'g18-tls-'));
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
        ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1'],
        ...['-subj', '/CN=public.test', '-addext', 'subjectAltName=DNS:public.test'],
      ],
      { stdio: 'ignore' },
    );
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert });
    secure = await listen(server, '127.0.0.1', (req, res) => {
      if (req.url === '/down') res.writeHead(302, { location: `http://public.test:${target.port}/secret` }).end();
      else res.end('over tls');
    });
    closeLater.push(secure);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const options = () => ({
    allowHosts: [`public.test:${secure.port}`, `public.test:${target.port}`],
    lookup: dns,
    ca: cert,
    timeoutMs: 5_000,
  });

  it('an allowed https host answers, its certificate checked against the name', async () => {
    const response = await safeFetch(`https://public.test:${secure.port}/ok`, options());
    expect(new TextDecoder().decode(response.body)).toBe('over tls');
  });

  it('a redirect from https to http is refused, even to an allowed host', async () => {
    await expectRefused(`https://public.test:${secure.port}/down`, options(), {
      code: 'FORBIDDEN',
      message:
        `refused to follow the redirect from "https://public.test:${secure.port}/down" to ` +
        `"http://public.test:${target.port}/secret": it leaves https for http; expected https`,
    });
  });
});

describe('G18: limits', () => {
  const limited: Record<string, Handler> = {};
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer((req, res) => {
      const handle = limited[req.url ?? ''];
      if (handle !== undefined) handle(req, res, server);
      else res.writeHead(404).end('no such thing');
    });
    closeLater.push(server);
  });

  const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;
  const allowed = () => ({ allowHosts: [`127.0.0.1:${server.port}`], timeoutMs: 5_000 });

  limited['/exact'] = (_req, res) => res.end(Buffer.alloc(1000, 7));
  limited['/announced'] = (_req, res) => {
    // Announces 2000 bytes and sends 10: a client waiting for the body would time out instead.
    res.writeHead(200, { 'content-length': '2000' });
    res.write(Buffer.alloc(10));
  };
  limited['/chunked'] = (_req, res) => {
    res.write(Buffer.alloc(600));
    res.write(Buffer.alloc(600));
    // …and never ends: the limit, not the end, must stop the read.
  };
  limited['/silent'] = () => {};
  limited['/trickle'] = (_req, res) => {
    // One byte every 50 ms, at most 200: never idle, never done within the total timeout.
    let sent = 0;
    const timer = setInterval(() => {
      if (sent++ >= 200 || res.destroyed) {
        clearInterval(timer);
        res.end();
      } else res.write('x');
    }, 50);
    res.on('close', () => clearInterval(timer));
  };

  it('an allowed loopback host answers with status, headers, body and final URL', async () => {
    const response = await safeFetch(url('/exact'), allowed());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('1000');
    expect(response.body).toEqual(new Uint8Array(1000).fill(7));
    expect(response.url).toBe(url('/exact'));
  });

  it('a 404 is an answer, not an error; HEAD reads no body', async () => {
    expect((await safeFetch(url('/missing'), allowed())).status).toBe(404);
    const head = await safeFetch(url('/exact'), { ...allowed(), method: 'HEAD' });
    expect([head.status, head.body.length]).toEqual([200, 0]);
  });

  it('maxBytes: a body of exactly maxBytes is read, with progress', async () => {
    const seen: number[] = [];
    const response = await safeFetch(url('/exact'), {
      ...allowed(),
      maxBytes: 1000,
      onProgress: ({ bytes, total }) => {
        seen.push(bytes);
        expect(total).toBe(1000);
      },
    });
    expect(response.body.length).toBe(1000);
    expect(seen.at(-1)).toBe(1000);
  });

  it('maxBytes: a Content-Length over the limit fails before the body', async () => {
    const err = await rejection(safeFetch(url('/announced'), { ...allowed(), maxBytes: 1000 }));
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.message).toBe(
      `could not fetch "${url('/announced')}": the answer announces 2000 bytes; expected at most 1000 bytes`,
    );
  });

  it('maxBytes: a body without Content-Length fails as soon as it runs past the limit', async () => {
    const err = await rejection(safeFetch(url('/chunked'), { ...allowed(), maxBytes: 1000 }));
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.message).toBe(
      `could not fetch "${url('/chunked')}": the answer runs past 1000 bytes; expected at most 1000 bytes`,
    );
  });

  it.each([['/silent'], ['/trickle']])('timeoutMs bounds the whole fetch: %s', async (path) => {
    const started = performance.now();
    const err = await rejection(safeFetch(url(path), { ...allowed(), timeoutMs: 300 }));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toBe(`could not fetch "${url(path)}": no complete answer within 300 ms`);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('timeoutMs bounds a resolver that never answers', async () => {
    const hang: SafeFetchLookup = () => new Promise(() => {});
    const err = await rejection(safeFetch('http://slow-dns.test/', { lookup: hang, timeoutMs: 200 }));
    expect(err.message).toBe('could not fetch "http://slow-dns.test/": no complete answer within 200 ms');
  });

  it('an AbortSignal stops the fetch with its reason', async () => {
    const controller = new AbortController();
    const reason = new Error('caller went away');
    setTimeout(() => controller.abort(reason), 100);
    const err = await safeFetch(url('/silent'), { ...allowed(), signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toBe(reason);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
