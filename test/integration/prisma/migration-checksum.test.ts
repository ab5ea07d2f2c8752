import { createHash } from 'node:crypto';
import { checksumMatches, migrationChecksum } from '@figurl/prisma';
import { describe, expect, test } from 'vitest';

// The vectors are those of prisma-engines' checksum.rs tests.
describe('migration checksums', () => {
  test('are the zero-padded SHA-256 hex of the script as is', () => {
    expect(migrationChecksum('hello')).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect(migrationChecksum('abcd')).toHaveLength(64);
    expect(migrationChecksum('a\r\nb')).not.toBe(migrationChecksum('a\nb'));
  });

  test('match across LF and CRLF line endings', () => {
    const pairs = [
      ['ab\ncd\nef\ngh\rab', 'ab\r\ncd\r\nef\r\ngh\rab'],
      ['ab\ncd\nef\ngh\rab\n', 'ab\r\ncd\r\nef\r\ngh\rab\r\n'],
    ];
    for (const scripts of pairs) {
      for (const script of scripts) {
        for (const other of scripts) expect(checksumMatches(script, migrationChecksum(other))).toBe(true);
      }
    }
  });

  test('do not match other scripts', () => {
    expect(checksumMatches('abc', migrationChecksum('abcd'))).toBe(false);
    expect(checksumMatches('abc\n', migrationChecksum('abc'))).toBe(false);
  });

  test('match the unpadded hex that old Prisma versions recorded', () => {
    // Find a script whose digest has a byte below 0x10, which the old format shortens.
    const script = Array.from({ length: 50 }, (_, i) => `SELECT ${i};`).find((s) =>
      createHash('sha256')
        .update(s)
        .digest()
        .some((byte) => byte < 0x10),
    );
    expect(script).toBeDefined();
    const digest = createHash('sha256')
      .update(script ?? '')
      .digest();
    const unpadded = [...digest].map((byte) => byte.toString(16)).join('');
    expect(unpadded.length).toBeLessThan(64);
    expect(checksumMatches(script ?? '', unpadded)).toBe(true);
    expect(checksumMatches(`${script} `, unpadded)).toBe(false);
  });
});
