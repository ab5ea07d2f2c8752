import { createKeyPair, signPayload } from '@figurl/sdk';
import { afterAll, beforeAll, it } from 'vitest';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

let zone: TestZone;
beforeAll(async () => {
  zone = await createTestZoneApp();
});
afterAll(() => zone.close());

it('probe', async () => {
  const keys = createKeyPair();
  const signed = (p: Record<string, unknown>) => JSON.stringify({ payload: p, fromClientId: keys.publicKey, signature: signPayload(p as never, keys.privateKey) });
  const fin = { type: 'finalizeFileUpload', timestamp: Date.now(), zone: zone.zoneName, objectKey: 'staging/\u0000x', hashAlg: 'sha1', hash: 'a'.repeat(40), size: 1 };
  const reg = createKeyPair();
  const sig = signPayload({ type: 'addClient' }, reg.privateKey);
  const tries: Array<[string, string, Record<string, string>?, string?]> = [
    ['POST', `/api/gateway`, { 'content-type': 'application/json' }, signed(fin)],
    ['POST', `/api/gateway`, { 'content-type': 'application/json' }, signed({ ...fin, objectKey: 'x\ud800' })],
    ['POST', `/api/gateway`, { 'content-type': 'application/json' }, signed({ type: 'getResourceInfo', timestamp: Date.now(), zone: zone.zoneName, resourceName: '\u0000' })],
    ['GET', `/registerClient/${reg.publicKey}?signature=${sig}&zone=${zone.zoneName}&label=%00`],
    ['GET', `/registerClient/${reg.publicKey}?signature=${sig}&zone=${zone.zoneName}&label=%ED%A0%80`],
    ['POST', `/api/v1/uploads?zone=${zone.zoneName}`, { 'content-type': 'application/json; charset=utf-16' }, JSON.stringify({ sha1: 'a'.repeat(40), size: 1 })],
    ['POST', `/api/v1/uploads?zone=${zone.zoneName}`, { 'content-type': 'application/json' }, JSON.stringify({ sha1: 'a'.repeat(40), size: 1e300 })],
    ['POST', `/api/v1/uploads?zone=${zone.zoneName}`, { 'content-type': 'application/json' }, JSON.stringify({ sha1: 'a'.repeat(40), size: 2**53 })],
    ['POST', `/api/v1/uploads?zone=${zone.zoneName}`, { 'content-type': 'application/json' }, JSON.stringify({ sha1: 'a'.repeat(40), size: 1, sha256: 'b'.repeat(64) })],
    ['POST', `/api/v1/uploads?zone=${zone.zoneName}`, { 'content-type': 'application/json', authorization: 'Bearer ' + 'x'.repeat(5000) }, JSON.stringify({ sha1: 'a'.repeat(40), size: 1 })],
    ['GET', `/sha1/${'a'.repeat(40)}?zone=${zone.zoneName}`, { range: 'bytes=0-99999999999999999999999' }],
    ['GET', `/sha1/${'a'.repeat(40)}?zone=${zone.zoneName}&zone=b`],
    ['GET', `/sha1/${'a'.repeat(40)}?zone[a]=b`],
    ['GET', `/sha1/${'a'.repeat(40)}?__proto__=b`],
    ['GET', `/sha1/${'a'.repeat(40)}?constructor=b`],
    ['GET', `/sha1/${'A'.repeat(40)}`],
    ['GET', `/sha1/..%2f..%2f`],
    ['GET', `/sha1/%2e%2e`],
    ['GET', `/sha1/../healthz`],
    ['GET', `/openapi.json?x=%00`],
    ['OPTIONS', `/api/gateway`],
    ['DELETE', `/sha1/${'a'.repeat(40)}`],
    ['PATCH', `/api/gateway`, { 'content-type': 'application/json' }, '{}'],
    ['POST', `/api/v1/uploads?zone=${zone.zoneName}`, { 'content-type': 'multipart/form-data; boundary=x' }, '--x--'],
    ['PUT', `/api/v1/uploads/00000000-0000-4000-8000-000000000000`, { 'transfer-encoding': 'chunked' }, 'abc'],
    ['PUT', `/api/v1/uploads/00000000-0000-4000-8000-000000000000`, {}, ''],
  ];
  for (const [method, url, headers, payload] of tries) {
    try {
      const res = await zone.app.inject({ method: method as 'GET', url, headers: headers ?? {}, ...(payload !== undefined && { payload }) });
      console.log(method, url.slice(0, 60), res.statusCode, res.body.slice(0, 200));
    } catch (err) {
      console.log(method, url.slice(0, 60), 'THREW', err);
    }
  }
});
