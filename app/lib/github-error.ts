import { FigurlError, quote } from '@figurl/sdk';

export interface GitHubErrorContext {
  /** What was asked for, quoted in messages: `gh://owner/repo/main/a.json`. */
  uri: string;
  /** What the shell was doing: "reading", "saving". */
  doing: string;
  /** Whether a token went with the request (it changes what a 404 or a rate limit means). */
  signedIn: boolean;
}

/**
 * A figurl error for a GitHub error answer ("Troubleshooting the REST API": 401 bad
 * credentials; 403 with `x-ratelimit-remaining: 0`, or 429, rate limits; 403 otherwise no
 * permission; 404 also for private repositories the caller cannot see; 409 a stale sha).
 */
export async function toGitHubError(response: Response, context: GitHubErrorContext): Promise<FigurlError> {
  const { status } = response;
  const subject = quote(context.uri);
  const gitHubMessage = await readGitHubMessage(response);
  if (status === 429 || (status === 403 && isRateLimited(response.headers))) {
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    const when = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : ' for now';
    return new FigurlError(
      'RATE_LIMITED',
      context.signedIn
        ? `GitHub's rate limit for your account is used up${when} (while ${context.doing} ${subject}): try again later`
        : `GitHub's rate limit for requests without sign-in is used up${when} (while ${context.doing} ${subject}): sign in with GitHub for a higher limit`,
    );
  }
  switch (status) {
    case 401:
      return new FigurlError(
        'UNAUTHORIZED',
        `GitHub did not accept your sign-in while ${context.doing} ${subject} (${gitHubMessage}): the token has expired or was revoked; sign in again`,
      );
    case 403:
      return new FigurlError(
        'FORBIDDEN',
        `GitHub refused ${context.doing} ${subject}: ${gitHubMessage}${context.signedIn ? ' (your token needs access to the repository, and the repo scope or contents permission to write)' : ' (sign in with GitHub)'}`,
      );
    case 404:
      return new FigurlError(
        'NOT_FOUND',
        `${subject} was not found on GitHub: no such repository, branch or file, ${context.signedIn ? 'or your GitHub account cannot see it' : 'or it is private (sign in with GitHub to read private repositories)'}`,
      );
    case 409:
      return new FigurlError('CONFLICT', `GitHub refused ${context.doing} ${subject}: ${gitHubMessage}`);
    default:
      if (status >= 500) {
        return new FigurlError(
          'UNAVAILABLE',
          `GitHub answered HTTP ${status} while ${context.doing} ${subject}: try again in a moment`,
        );
      }
      return new FigurlError(
        'INVALID_REQUEST',
        `GitHub refused ${context.doing} ${subject} (HTTP ${status}): ${gitHubMessage}`,
      );
  }
}

function isRateLimited(headers: Headers): boolean {
  // Secondary rate limits come with retry-after instead of a zero remaining count.
  return headers.get('x-ratelimit-remaining') === '0' || headers.has('retry-after');
}

async function readGitHubMessage(response: Response): Promise<string> {
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') {
      return quote(body.message, 200);
    }
  } catch {
    // Not JSON: the status says enough.
  }
  return `HTTP ${response.status}`;
}
