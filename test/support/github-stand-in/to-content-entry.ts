import type { GitTreeEntry } from './git-objects.js';
import type { StandInRepo } from './state.js';

/**
 * The fields the contents API gives every file and directory (a directory listing's items, the
 * `content` of a PUT answer, the base of a file object): URLs carry `?ref=`, a directory has
 * `size: 0` and `download_url: null`, and `_links` repeats the three URLs.
 *
 * @example
 * toContentEntry({ baseUrl, repo, ref: 'main', entry }).download_url; // '…/raw/alice/notes/main/a.json'
 */
export function toContentEntry(input: { baseUrl: string; repo: StandInRepo; ref: string; entry: GitTreeEntry }) {
  const { baseUrl, repo, ref, entry } = input;
  const isDir = entry.type === 'tree';
  const encoded = entry.path.split('/').map(encodeURIComponent).join('/');
  const api = `${baseUrl}/repos/${repo.fullName}`;
  const self = `${api}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
  const git = `${api}/git/${isDir ? 'trees' : 'blobs'}/${entry.sha}`;
  const html = `${baseUrl}/${repo.fullName}/${isDir ? 'tree' : 'blob'}/${ref}/${encoded}`;
  return {
    type: isDir ? ('dir' as const) : ('file' as const),
    size: entry.size,
    name: entry.name,
    path: entry.path,
    sha: entry.sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: isDir ? null : `${baseUrl}/raw/${repo.fullName}/${ref}/${encoded}`,
    _links: { self, git, html },
  };
}
