import { createHash } from 'node:crypto';

/*
 * Mirrors prisma-engines schema-engine/connectors/schema-connector/src/checksum.rs (Prisma
 * 7.10.1's engine records the same value for our migration): the stored checksum is the SHA-256
 * of the migration.sql text exactly as read (UTF-8, no line-ending normalisation), as 64
 * zero-padded lowercase hex digits.
 * When comparing, the engine also accepts the script with CRLF turned into LF and LF turned into
 * CRLF (git may rewrite line endings), and, for checksums that are not 64 characters long, the
 * old unpadded hex format (prisma-engines issue #1887).
 */
const checksumLength = 64;

function sha256(script: string): Buffer {
  return createHash('sha256').update(script, 'utf8').digest();
}

/**
 * The checksum Prisma records in `_prisma_migrations.checksum` for a migration script.
 *
 * @example
 * migrationChecksum('hello'); // '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'
 */
export function migrationChecksum(script: string): string {
  return sha256(script).toString('hex');
}

/**
 * Whether `script` matches a recorded `checksum`, with Prisma's line-ending tolerance.
 *
 * @example
 * checksumMatches('a\r\nb\r\n', migrationChecksum('a\nb\n')); // true
 */
export function checksumMatches(script: string, checksum: string): boolean {
  const variants = [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')];
  const useOldFormat = checksum.length !== 0 && checksum.length !== checksumLength;
  return variants.some((variant) => {
    const digest = sha256(variant);
    // Old format: each byte as `{:x}`, i.e. without its leading zero.
    const rendered = useOldFormat ? [...digest].map((byte) => byte.toString(16)).join('') : digest.toString('hex');
    return rendered === checksum;
  });
}
