import { canonicalJson, createKeyPair, parseUri, sha1Hex, signPayload, toSha1Uri } from '@figurl/sdk';

const bytes = new TextEncoder().encode('test-content\n');
const uri = toSha1Uri(sha1Hex(bytes), { label: 'test content.txt' });
console.log(uri);
console.log(parseUri(uri));

const keys = createKeyPair('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
const payload = { type: 'findFile', timestamp: 1700000000000, hashAlg: 'sha1', hash: sha1Hex(bytes), zone: 'default' };
console.log(canonicalJson(payload));
console.log(signPayload(payload, keys.privateKey));

parseUri('sha1://abc');
