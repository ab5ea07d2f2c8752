import { FigurlError, quote } from '@figurl/sdk';
import { z } from 'zod';
import { toErrorResponse } from './error-response';
import { readGitHubFile, writeGitHubFile } from './github';
import { readJsonRequest } from './read-json-request';
import { readSession } from './session-cookie';
import type { ShellDeps } from './shell-deps';
import { toBytesResponse } from './to-bytes-response';

/** Text saved to GitHub from the shell: a curation, a `.uri` pointer, a small JSON document. */
export const maxGitHubWriteBytes = 10 * 1024 * 1024;

const writeRequestSchema = z.strictObject({
  uri: z.string().max(4096),
  /** The file's new text; stored as UTF-8. */
  content: z.string(),
  message: z.string().min(1).max(1000).optional(),
});

/**
 * `GET /api/github/contents?uri=gh://owner/repo/branch/path`: the file's bytes
 * (`application/octet-stream`, header `x-github-sha`), read with the session's token when signed
 * in. Errors are figurl error bodies naming the URI.
 */
export async function handleGitHubRead(request: Request, deps: ShellDeps): Promise<Response> {
  try {
    const uri = new URL(request.url).searchParams.get('uri');
    if (uri === null) throw new FigurlError('INVALID_REQUEST', 'expected ?uri=gh://<owner>/<repo>/<branch>/<path>');
    const session = await readSession(request.headers, deps.config, deps.now);
    const file = await readGitHubFile(deps, uri, session);
    return toBytesResponse(file.bytes, { 'x-github-sha': file.sha, 'cache-control': 'private, no-store' });
  } catch (err) {
    return toErrorResponse(err);
  }
}

/**
 * `PUT /api/github/contents {uri, content, message?}` (JSON, from the shell's pages, signed in):
 * commits the text to the file. Answers `{success: true, sha, commit}`; CONFLICT when the file
 * changed on GitHub meanwhile (nothing is overwritten).
 */
export async function handleGitHubWrite(request: Request, deps: ShellDeps): Promise<Response> {
  try {
    const write = await readJsonRequest(request, deps.config, writeRequestSchema, {
      what: 'GitHub write',
      maxBytes: 4 * maxGitHubWriteBytes,
    });
    const session = await readSession(request.headers, deps.config, deps.now);
    if (session === undefined) {
      throw new FigurlError('UNAUTHORIZED', `saving ${quote(write.uri)} needs a GitHub sign-in: sign in and try again`);
    }
    if (Buffer.byteLength(write.content, 'utf8') > maxGitHubWriteBytes) {
      throw new FigurlError(
        'PAYLOAD_TOO_LARGE',
        `the content for ${quote(write.uri)} is over ${maxGitHubWriteBytes} bytes: store large data as a sha1:// blob and save its URI in a .uri file`,
      );
    }
    const { sha, commit } = await writeGitHubFile(deps, write, session);
    return Response.json({ success: true, sha, commit }, { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return toErrorResponse(err);
  }
}
