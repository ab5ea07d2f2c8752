import { FigurlError, type GitHubContext, quote } from '@figurl/sdk';
import { parseGitHubEnv } from '@figurl/sdk/node';

/** Where the Action runs: the workflow run, its repository, pull request and commit. */
export interface RunContext {
  /** Recorded with each figure in the zone's registry; undefined outside GitHub Actions. */
  github: GitHubContext | undefined;
  eventName: string | undefined;
  /** `https://github.com/<repo>/actions/runs/<id>[/attempts/<n>]`, when the run is known. */
  runUrl: string | undefined;
  /** `GITHUB_WORKSPACE` (labels are paths relative to it), else the working directory. */
  workspace: string;
}

interface PullRequestPayload {
  pull_request?: { number?: unknown; head?: { sha?: unknown } };
}

/**
 * The run's context from the runner's variables and the event payload (GITHUB_EVENT_PATH's
 * JSON). On `pull_request` events the commit recorded is the PR head (`pull_request.head.sha`),
 * not GITHUB_SHA, which names the temporary merge commit; the number comes from the payload.
 *
 * @example
 * toRunContext(process.env, JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8')), process.cwd());
 */
export function toRunContext(env: Record<string, string | undefined>, payload: unknown, cwd: string): RunContext {
  const fromEnv = parseGitHubEnv(env);
  const pr = (payload as PullRequestPayload | null)?.pull_request;
  const number = typeof pr?.number === 'number' ? pr.number : undefined;
  const headSha = typeof pr?.head?.sha === 'string' ? pr.head.sha : undefined;
  const github =
    fromEnv === undefined
      ? undefined
      : {
          ...fromEnv,
          ...(number === undefined ? {} : { pullRequest: number }),
          ...(headSha === undefined ? {} : { commitSha: checkSha(headSha) }),
        };
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  const runId = env.GITHUB_RUN_ID;
  const attempt = env.GITHUB_RUN_ATTEMPT;
  const runUrl =
    github === undefined || !runId
      ? undefined
      : `${server}/${github.repo}/actions/runs/${runId}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`;
  return { github, eventName: env.GITHUB_EVENT_NAME || undefined, runUrl, workspace: env.GITHUB_WORKSPACE || cwd };
}

function checkSha(sha: string): string {
  if (/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(sha)) return sha;
  throw new FigurlError(
    'INVALID_REQUEST',
    `invalid event payload: pull_request.head.sha ${quote(sha)}: expected a commit SHA`,
  );
}
