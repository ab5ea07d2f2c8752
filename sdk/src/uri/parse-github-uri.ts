import { checkPath } from './check-path.js';
import { checkUriText } from './check-uri-text.js';
import type { GitHubUri } from './figurl-uri.js';
import { invalidUri } from './invalid-uri.js';

const prefix = 'gh://';
const shape = 'gh://<owner>/<repo>/<branch>/<path>';
// GitHub's sign-up rule for users and organisations: 1–39 alphanumerics or single inner hyphens.
const ownerPattern = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const repoPattern = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Parses `gh://<owner>/<repo>/<branch>/<path>` (figurl's GitHub file URI; the path may contain
 * `/`, the branch may not, since the original splits on `/`). Owner and repo follow GitHub's
 * naming rules, the branch follows `git check-ref-format`.
 *
 * @example
 * parseGitHubUri('gh://magland/curations/main/sorting1/curation.json');
 * // { kind: 'gh', owner: 'magland', repo: 'curations', branch: 'main', path: 'sorting1/curation.json' }
 */
export function parseGitHubUri(input: unknown): GitHubUri {
  const text = checkUriText(input);
  if (!text.startsWith(prefix)) throw invalidUri(text, `a GitHub file URI of the form ${shape}`);
  const [owner, repo, branch, ...pathParts] = text.slice(prefix.length).split('/');
  if (owner === undefined || repo === undefined || branch === undefined || pathParts.length === 0) {
    throw invalidUri(text, `a GitHub file URI of the form ${shape}`);
  }
  if (!ownerPattern.test(owner)) {
    throw invalidUri(
      text,
      `a GitHub owner of 1-39 letters, digits or single hyphens, not starting or ending with "-", got ${JSON.stringify(owner)}`,
    );
  }
  if (!repoPattern.test(repo) || repo === '.' || repo === '..') {
    throw invalidUri(
      text,
      `a GitHub repository name of 1-100 letters, digits, ".", "_" or "-", got ${JSON.stringify(repo)}`,
    );
  }
  const branchProblem = findBranchProblem(branch);
  if (branchProblem) throw invalidUri(text, `a valid branch name (${branchProblem}), got ${JSON.stringify(branch)}`);
  const path = checkPath(text, pathParts.join('/'), { shape });
  return { kind: 'gh', owner, repo, branch, path };
}

// The rules of `git check-ref-format --branch` that can apply to a single path segment.
function findBranchProblem(branch: string): string | undefined {
  if (branch === '') return 'not empty';
  if (branch.length > 255) return 'at most 255 characters';
  if (/[\s~^:?*[\\]/.test(branch)) return 'no spaces or any of ~ ^ : ? * [ \\';
  if (branch.startsWith('.') || branch.startsWith('-')) return 'not starting with "." or "-"';
  if (branch.endsWith('.') || branch.endsWith('.lock')) return 'not ending with "." or ".lock"';
  if (branch.includes('..') || branch.includes('@{') || branch === '@') return 'no "..", no "@{", not "@"';
  return undefined;
}
