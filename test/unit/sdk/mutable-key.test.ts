import { FigurlError, mutableKeyProblem, mutableKeySchema, parseMutableKey, parseWith } from '@figurl/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const nameChar = fc.constantFrom(...'abcxyzABC0189._-~:+=,@');
const name = fc
  .string({ unit: nameChar, minLength: 1, maxLength: 20 })
  .filter((n) => !n.startsWith('@') && n !== '.' && n !== '..');
/** Keys of kachery's grammar: any number of `@folder/` segments, then a name. */
const key = fc
  .tuple(fc.array(name, { maxLength: 6 }), name)
  .map(([folders, last]) => [...folders.map((f) => `@${f}`), last].join('/'));

describe('mutable keys', () => {
  it('accepts every key of the grammar up to 512 characters', () => {
    fc.assert(
      fc.property(key, (k) => {
        expect(mutableKeyProblem(k)).toBeUndefined();
        expect(parseMutableKey(k)).toBe(k);
      }),
    );
  });

  it('refuses a key once a segment breaks a rule, wherever it is', () => {
    const breakage = fc.constantFrom('', '.', '..', '@', '@.', '@..', 'a b', 'é', 'a\u0000', 'a\\b', 'a?b', 'a#b');
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 4 }), fc.nat(), breakage, (parts, at, bad) => {
        const segments = parts.map((p, i) => (i < parts.length - 1 ? `@${p}` : p));
        const i = at % segments.length;
        segments[i] = bad;
        expect(mutableKeyProblem(segments.join('/'))).toMatch(/^expected /);
      }),
    );
  });

  it.each([
    ['name', undefined],
    ['@a/@b/c', undefined],
    ['@user@lab/results.json', undefined],
    ['', 'expected a key like "@folder/name" or "name"'],
    ['figures/plot', 'expected every segment before the last to be a folder starting with "@", got "figures"'],
    ['@figures', 'expected the last segment to be a name, not a folder starting with "@", got "@figures"'],
    ['@a/', 'expected no empty segments (no leading, doubled or trailing "/")'],
    ['@a/./b', 'expected no "." or ".." segments'],
    ['@../b', 'expected no "." or ".." segments'],
    ['@/b', 'expected a folder name after every "@", got "@"'],
    ['@a/b\tc', 'expected letters, digits and . _ - ~ : + = , @ between the "/", got "\\t"'],
    [`@a/${'b'.repeat(509)}`, undefined],
    [`@a/${'b'.repeat(510)}`, 'expected at most 512 characters, got 513'],
  ])('%j → %s', (k, problem) => {
    expect(mutableKeyProblem(k)).toBe(problem);
  });

  it('parseMutableKey throws INVALID_REQUEST quoting the key; the schema says the same', () => {
    const err = (() => {
      try {
        parseMutableKey('figures/plot');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(FigurlError);
    expect((err as FigurlError).code).toBe('INVALID_REQUEST');
    expect((err as FigurlError).message).toBe(
      'invalid mutable key "figures/plot": expected every segment before the last to be a folder starting with "@", got "figures"',
    );
    expect(() => parseWith(mutableKeySchema, '@a//b', 'mutable key')).toThrow(
      'invalid mutable key: value "@a//b": expected no empty segments (no leading, doubled or trailing "/")',
    );
  });
});
