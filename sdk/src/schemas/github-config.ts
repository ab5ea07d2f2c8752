import { z } from 'zod';

/*
 * `.github/figurl.yml`: a repository's settings for the figurl GitHub App, read from the
 * default branch only (changes in pull requests and forks are ignored, as Probot's
 * context.config does). Everything has a default, so a repository without the file works, and
 * every object is strict, so a misspelt field is an error that names it instead of a silently
 * ignored setting.
 */

/** The default sticky-comment key: the comment carries `<!-- figurl:figures -->`. */
export const defaultCommentKey = 'figures';
/** Where curation snapshots go unless the file says otherwise. */
export const defaultCurationPath = 'curations/{curationId}.json';

/** Letters, digits, `.`, `_`, `-`: safe inside an HTML comment marker and a lock key. */
const commentKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected a key of letters, digits, ".", "_" or "-" (at most 64)');

const curationPathSchema = z
  .string()
  .max(400, 'expected a path of at most 400 characters')
  .regex(/^[A-Za-z0-9._{}\-/]+$/, 'expected a relative path of letters, digits, ".", "_", "-", "/" and {curationId}')
  .refine((path) => path.includes('{curationId}'), 'expected the path to contain {curationId}')
  .refine(
    (path) =>
      !path.startsWith('/') &&
      !path.endsWith('/') &&
      path.split('/').every((part) => part !== '..' && part !== '.' && part !== ''),
    'expected a relative path without "..", "." or empty parts',
  );

/** A branch name git accepts (the subset `git check-ref-format --branch` allows that we need). */
const branchSchema = z
  .string()
  .max(200, 'expected a branch name of at most 200 characters')
  .regex(/^[A-Za-z0-9._\-/]+$/, 'expected a branch name of letters, digits, ".", "_", "-" and "/"')
  .refine(
    (name) =>
      !name.startsWith('/') &&
      !name.endsWith('/') &&
      !name.endsWith('.lock') &&
      !name.includes('..') &&
      !name.includes('//'),
    'expected a valid git branch name',
  );

export const githubConfigSchema = z
  .strictObject({
    comment: z
      .strictObject({
        /** One sticky comment per pull request listing its figures. */
        enabled: z.boolean().default(true),
        /** Several independent sticky comments per pull request need different keys. */
        key: commentKeySchema.default(defaultCommentKey),
      })
      .prefault({}),
    checks: z
      .strictObject({
        /** A check run "figurl" per head commit whose details link is the first figURL. */
        enabled: z.boolean().default(true),
      })
      .prefault({}),
    curation: z
      .strictObject({
        /** Where a curation snapshot is committed; `{curationId}` is replaced. */
        path: curationPathSchema.default(defaultCurationPath),
        /** The branch snapshots go to; null: the default branch. */
        branch: branchSchema.nullable().default(null),
      })
      .prefault({}),
  })
  .prefault({});

/** The settings as written in `.github/figurl.yml` (every field optional). */
export type GitHubConfigInput = z.input<typeof githubConfigSchema>;
/** The settings with every default filled in. */
export type GitHubConfig = z.infer<typeof githubConfigSchema>;
