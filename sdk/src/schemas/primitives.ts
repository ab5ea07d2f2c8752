import { z } from 'zod';
import { isSha1Hash } from '../uri/is-sha1-hash.js';

/** 40 lowercase hex: a content hash as figurl stores and compares it. */
export const sha1HashSchema = z.string().refine(isSha1Hash, 'expected 40 lowercase hex characters');
export const sha256HashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters');
/** An ed25519 public key as 64 lowercase hex: a kachery client ID. */
export const clientIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters');
export const signatureSchema = z.string().regex(/^[0-9a-f]{128}$/, 'expected 128 lowercase hex characters');
/** kachery's upload limit: 5×10⁹ bytes (the code's MAX_UPLOAD_SIZE, not 5 GiB). */
export const maxUploadSize = 5_000_000_000;
export const byteSizeSchema = z.number().int().nonnegative();
/** Milliseconds since the epoch (the Python client's `int(datetime.now().timestamp()*1000)`). */
export const timestampMsSchema = z.number().int().nonnegative();
/** Zone names: `default`, `franklab.collaborators`, `<user>.<name>`. */
export const zoneNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'expected a zone name like "default" or "lab.public"');
