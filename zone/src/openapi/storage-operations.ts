import {
  blobDownloadQuerySchema,
  blobSchema,
  finalizeUploadResponseSchema,
  initiateUploadRequestSchema,
  initiateUploadResponseSchema,
  signedUrlRequestSchema,
  signedUrlResponseSchema,
  usageQuerySchema,
  zoneQuerySchema,
} from '@figurl/sdk';
import { bytes } from './common.js';
import { adminRight, downloadRight, uploadRight } from './errors.js';
import type { HeaderParameter, Operation, ResponseSpec } from './operation.js';
import {
  hashParamsSchema,
  uploadParamsSchema,
  uploadReceivedSchema,
  usageResponseSchema,
} from './zone-only-schemas.js';

const text = { type: 'string' };
const downloadHeaders: HeaderParameter[] = [
  { name: 'Range', description: 'one byte range, `bytes=<start>-<end>`; others are ignored', schema: text },
  { name: 'If-None-Match', description: '`"<sha1>"`: the bytes never change, so 304', schema: text },
];
const blobHeaders = {
  ETag: { description: '`"<sha1>"`, strong', schema: text },
  'Cache-Control': {
    description: "`public, max-age=31536000, immutable`; `private, max-age=3600` for a private figure's blob",
    schema: text,
  },
  'Content-Length': { description: 'bytes sent', schema: { type: 'integer', minimum: 0 } },
};
/** GET and HEAD of `/sha1/{hash}` answer alike; HEAD sends no bytes (and never opens the object). */
const downloadResponses = (withBody: boolean): Record<number, ResponseSpec> => ({
  200: { description: 'the bytes', headers: blobHeaders, ...(withBody ? { content: bytes } : {}) },
  206: {
    description: 'the byte range asked for',
    headers: { ...blobHeaders, 'Content-Range': { description: '`bytes <start>-<end>/<size>`', schema: text } },
    ...(withBody ? { content: bytes } : {}),
  },
  302: {
    description: 'a bucket that signs URLs (S3): a presigned GET, valid one hour',
    headers: { Location: { description: 'the presigned URL', schema: text } },
  },
  304: { description: 'If-None-Match named the hash: not modified' },
  416: {
    description: 'the range lies beyond the blob (no body)',
    headers: { 'Content-Range': { description: '`bytes */<size>`', schema: text } },
  },
});
const downloadErrors = {
  ...downloadRight,
  INVALID_REQUEST: 'a bad hash, or only one of expires and signature',
  UNAUTHORIZED:
    "credentials needed (no public download, or a private figure's blob), or a signed link that expired or does not verify",
  FORBIDDEN: "the token's user may not read the blob (a private figure's) or download from the zone",
  NOT_FOUND: 'no such blob or zone',
};
const signedLinkNotes = {
  expires: 'a signed link: Unix seconds until which it works (with signature)',
  signature: 'a signed link: HMAC-SHA256 of the hash, zone and expires, 64 hex (with expires)',
};

/** The native upload API, downloads, signed links and usage (docs/protocol.md §5, §7). */
export const storageOperations: Operation[] = [
  {
    method: 'POST',
    path: '/api/v1/uploads',
    operationId: 'initiateUpload',
    tag: 'uploads',
    summary: 'Ask to upload bytes that hash to sha1 (and pin them for the caller)',
    query: zoneQuerySchema,
    body: { json: initiateUploadRequestSchema, required: true },
    responses: {
      200: { description: 'already stored (and now pinned for the caller)', json: initiateUploadResponseSchema },
      201: { description: 'upload target issued: one streaming PUT to uploadUrl', json: initiateUploadResponseSchema },
    },
    errors: {
      ...uploadRight,
      INVALID_REQUEST: 'a body or query that does not match the schema',
      PAYLOAD_TOO_LARGE: 'larger than the zone accepts',
      HASH_MISMATCH: 'the content is stored with another size',
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/uploads/{uploadId}',
    operationId: 'putUpload',
    tag: 'uploads',
    summary: 'The one streaming PUT of an upload: exactly the announced size',
    description: 'The upload id is the capability: no credentials. Answers exactly 200 (the kachery client needs it).',
    authenticated: false,
    params: uploadParamsSchema,
    body: { content: bytes, required: true },
    responses: { 200: { description: 'received', json: uploadReceivedSchema } },
    errors: {
      INVALID_REQUEST: 'a body (or Content-Length) of another size than announced, or an interrupted one',
      NOT_FOUND: 'no such upload, or it expired',
      CONFLICT: 'the upload already has its bytes (or is receiving them), or was finalized',
    },
  },
  {
    method: 'POST',
    path: '/api/v1/uploads/{uploadId}/finalize',
    operationId: 'finalizeUpload',
    tag: 'uploads',
    summary: 'Verify the staged bytes and publish them under their content key (idempotent)',
    authenticated: false,
    params: uploadParamsSchema,
    responses: { 200: { description: 'stored', json: finalizeUploadResponseSchema } },
    errors: {
      INVALID_REQUEST: 'a bad upload id, or no bytes were put yet',
      NOT_FOUND: 'no such upload',
      HASH_MISMATCH: 'the bytes do not hash to sha1 (or the announced sha256): nothing stored',
    },
  },
  {
    method: 'GET',
    path: '/api/v1/blobs/{hash}',
    operationId: 'getBlob',
    tag: 'blobs',
    summary: 'Describe a stored blob',
    params: hashParamsSchema,
    query: zoneQuerySchema,
    responses: { 200: { description: 'the blob', json: blobSchema } },
    errors: { ...downloadErrors, INVALID_REQUEST: 'a bad hash or query' },
  },
  {
    method: 'GET',
    path: '/sha1/{hash}',
    operationId: 'downloadBlob',
    tag: 'blobs',
    summary: 'Download a blob (Range, strong ETag, immutable; or a signed link without credentials)',
    params: hashParamsSchema,
    query: blobDownloadQuerySchema,
    parameterNotes: signedLinkNotes,
    headers: downloadHeaders,
    responses: downloadResponses(true),
    errors: downloadErrors,
  },
  {
    method: 'HEAD',
    path: '/sha1/{hash}',
    operationId: 'headBlob',
    tag: 'blobs',
    summary: 'What a download would answer, without the bytes',
    params: hashParamsSchema,
    query: blobDownloadQuerySchema,
    parameterNotes: signedLinkNotes,
    headers: downloadHeaders,
    responses: downloadResponses(false),
    errors: downloadErrors,
  },
  {
    method: 'POST',
    path: '/api/v1/blobs/{hash}/signed-url',
    operationId: 'createSignedUrl',
    tag: 'blobs',
    summary: 'A link that downloads the blob without credentials until it expires',
    params: hashParamsSchema,
    query: zoneQuerySchema,
    body: { json: signedUrlRequestSchema, required: false },
    responses: { 200: { description: 'the link', json: signedUrlResponseSchema } },
    errors: { ...downloadErrors, INVALID_REQUEST: 'a bad hash, query or body' },
  },
  {
    method: 'GET',
    path: '/api/v1/usage',
    operationId: 'getUsage',
    tag: 'usage',
    summary: "The zone's traffic per user and UTC day (zone admins)",
    query: usageQuerySchema,
    parameterNotes: { from: 'first day, YYYY-MM-DD (UTC)', to: 'last day, YYYY-MM-DD (UTC), included' },
    responses: { 200: { description: 'counters per day and user', json: usageResponseSchema } },
    errors: { ...adminRight, INVALID_REQUEST: 'a bad query (dates must be real calendar days)' },
  },
];
