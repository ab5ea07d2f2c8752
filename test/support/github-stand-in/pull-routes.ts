import { gateRepo } from './gate-repo.js';
import type { GitStore } from './git-store.js';
import { paginate } from './paginate.js';
import type { RepoRecords, StandInIssue } from './repo-records.js';
import { parseJsonObject, toErrorResponse, toValidationFailed } from './responses.js';
import type { Route, RouteContext, StandInRequest, StandInResponse } from './route-table.js';
import { type StandInRepo, type StandInState, type StandInUser, toGitHubDate } from './state.js';
import { toMinimalRepo } from './to-app-objects.js';
import { toSimpleUser } from './to-simple-user.js';

const docs = {
  create: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
  get: 'https://docs.github.com/rest/pulls/pulls#get-a-pull-request',
  list: 'https://docs.github.com/rest/pulls/pulls#list-pull-requests',
  update: 'https://docs.github.com/rest/pulls/pulls#update-a-pull-request',
} as const;

/**
 * Opens a pull request, GitHub's checks first: head "branch" or "owner:branch" (a fork with the
 * same name), 422 Validation Failed for an unknown head/base, an open PR for the same head and
 * base, or no commits between them. Shared by POST /pulls and the test handle.
 */
export function openPull(
  context: { state: StandInState; records: RepoRecords; git: GitStore },
  input: {
    repo: StandInRepo;
    head: string;
    base: string;
    title: string;
    body?: string | null;
    draft?: boolean;
    user: StandInUser;
  },
): StandInIssue | StandInResponse {
  const { state, records, git } = context;
  const { repo } = input;
  const [headOwner, headRef] = input.head.includes(':') ? input.head.split(':', 2) : [repo.owner.login, input.head];
  const headRepo = state.findRepo(`${headOwner}/${repo.name}`);
  const headCommit = headRepo === null ? null : state.findHead(headRepo, headRef ?? '');
  const baseCommit = state.findHead(repo, input.base);
  if (headRepo === null || headCommit === null) {
    return toValidationFailed([{ resource: 'PullRequest', field: 'head', code: 'invalid' }], docs.create);
  }
  if (baseCommit === null) {
    return toValidationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }], docs.create);
  }
  const open = [...records.issuesOf(repo).values()].find(
    (issue) =>
      issue.state === 'open' &&
      issue.pull?.headRepo === headRepo &&
      issue.pull.headRef === headRef &&
      issue.pull.baseRef === input.base,
  );
  if (open !== undefined) {
    const message = `A pull request already exists for ${headRepo.owner.login}:${headRef}.`;
    return toValidationFailed([{ resource: 'PullRequest', code: 'custom', message }], docs.create);
  }
  if (git.isAncestor(repo, headCommit.sha, baseCommit.sha) || headCommit.sha === baseCommit.sha) {
    const message = `No commits between ${input.base} and ${input.head}`;
    return toValidationFailed([{ resource: 'PullRequest', code: 'custom', message }], docs.create);
  }
  const now = toGitHubDate(state.now());
  return records.addIssue({
    id: records.nextId(),
    number: records.nextNumber(repo),
    repo,
    title: input.title,
    body: input.body ?? null,
    user: input.user,
    state: 'open',
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    pull: { headRepo, headRef: headRef ?? '', baseRef: input.base, draft: input.draft ?? false },
  });
}

/** Pull requests: create, get, list (`state`, `head=owner:branch`, `base`), update (title, body, state, base). */
export function pullRoutes(context: RouteContext): Route[] {
  const { state, baseUrl, records } = context;

  function toPull(issue: StandInIssue) {
    const pull = issue.pull;
    const api = `${baseUrl}/repos/${issue.repo.fullName}`;
    const html = `${baseUrl}/${issue.repo.fullName}/pull/${issue.number}`;
    const side = (repo: StandInRepo, ref: string) => ({
      label: `${repo.owner.login}:${ref}`,
      ref,
      sha: state.findHead(repo, ref)?.sha ?? '',
      user: toSimpleUser(repo.owner, baseUrl),
      repo: toMinimalRepo(repo, baseUrl),
    });
    const comments = [...records.comments.values()].filter(
      (c) => c.repo === issue.repo && c.issueNumber === issue.number,
    ).length;
    return {
      url: `${api}/pulls/${issue.number}`,
      id: issue.id,
      node_id: Buffer.from(`011:PullRequest${issue.id}`).toString('base64'),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: `${api}/issues/${issue.number}`,
      commits_url: `${api}/pulls/${issue.number}/commits`,
      review_comments_url: `${api}/pulls/${issue.number}/comments`,
      comments_url: `${api}/issues/${issue.number}/comments`,
      statuses_url: `${api}/statuses/${pull === null ? '' : side(pull.headRepo, pull.headRef).sha}`,
      number: issue.number,
      state: issue.state,
      locked: false,
      title: issue.title,
      user: toSimpleUser(issue.user, baseUrl),
      body: issue.body,
      labels: [],
      milestone: null,
      active_lock_reason: null,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt,
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: pull === null ? null : side(pull.headRepo, pull.headRef),
      base: pull === null ? null : side(issue.repo, pull.baseRef),
      author_association: issue.user === issue.repo.owner ? 'OWNER' : 'NONE',
      auto_merge: null,
      draft: pull?.draft ?? false,
      merged: false,
      mergeable: null,
      rebaseable: null,
      mergeable_state: 'unknown',
      merged_by: null,
      comments,
      review_comments: 0,
      maintainer_can_modify: false,
    };
  }

  function createPull(request: StandInRequest): StandInResponse {
    const gated = gateRepo(state, request, {
      permission: 'pull_requests',
      access: 'write',
      user: 'read',
      docsUrl: docs.create,
    });
    if ('status' in gated) return gated;
    const fields = parseJsonObject(request.body);
    if (fields === null) return toErrorResponse(400, 'Problems parsing JSON', docs.create);
    const missing = ['head', 'base'].filter((key) => typeof fields[key] !== 'string');
    if (missing.length > 0) {
      return toErrorResponse(422, `Invalid request.\n\n"${missing[0]}" wasn't supplied.`, docs.create);
    }
    if (typeof fields.title !== 'string' || fields.title === '') {
      return toValidationFailed([{ resource: 'PullRequest', field: 'title', code: 'missing_field' }], docs.create);
    }
    const opened = openPull(context, {
      repo: gated.repo,
      head: String(fields.head),
      base: String(fields.base),
      title: fields.title,
      body: typeof fields.body === 'string' ? fields.body : null,
      draft: fields.draft === true,
      user: request.auth?.user ?? gated.repo.owner,
    });
    if ('status' in opened) return opened;
    return {
      status: 201,
      headers: { location: `${baseUrl}/repos/${gated.repo.fullName}/pulls/${opened.number}` },
      json: toPull(opened),
    };
  }

  function findPull(request: StandInRequest, access: 'read' | 'write', docsUrl: string) {
    const gated = gateRepo(state, request, {
      permission: 'pull_requests',
      access,
      user: access === 'read' ? 'read' : 'write',
      docsUrl,
    });
    if ('status' in gated) return gated;
    const issue = records.findIssue(gated.repo, Number(request.params.number));
    return issue === null || issue.pull === null ? toErrorResponse(404, 'Not Found', docsUrl) : issue;
  }

  function getPull(request: StandInRequest): StandInResponse {
    const issue = findPull(request, 'read', docs.get);
    return 'status' in issue ? issue : { status: 200, json: toPull(issue) };
  }

  function listPulls(request: StandInRequest): StandInResponse {
    const gated = gateRepo(state, request, {
      permission: 'pull_requests',
      access: 'read',
      user: 'read',
      docsUrl: docs.list,
    });
    if ('status' in gated) return gated;
    const wanted = request.query.get('state') ?? 'open';
    const head = request.query.get('head');
    const base = request.query.get('base');
    const all = [...records.issuesOf(gated.repo).values()]
      .filter((issue) => issue.pull !== null && (wanted === 'all' || issue.state === wanted))
      .filter(
        (issue) =>
          head === null ||
          `${issue.pull?.headRepo.owner.login}:${issue.pull?.headRef}`.toLowerCase() === head.toLowerCase(),
      )
      .filter((issue) => base === null || issue.pull?.baseRef === base)
      .sort((a, b) => b.number - a.number);
    const page = paginate(all, request, `${baseUrl}/repos/${gated.repo.fullName}/pulls`);
    return { status: 200, headers: page.headers, json: page.items.map(toPull) };
  }

  function updatePull(request: StandInRequest): StandInResponse {
    const issue = findPull(request, 'write', docs.update);
    if ('status' in issue) return issue;
    const fields = parseJsonObject(request.body);
    if (fields === null) return toErrorResponse(400, 'Problems parsing JSON', docs.update);
    if (fields.state !== undefined && fields.state !== 'open' && fields.state !== 'closed') {
      return toValidationFailed([{ resource: 'PullRequest', field: 'state', code: 'invalid' }], docs.update);
    }
    if (typeof fields.base === 'string' && state.findHead(issue.repo, fields.base) === null) {
      return toValidationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }], docs.update);
    }
    const now = toGitHubDate(state.now());
    if (typeof fields.title === 'string') issue.title = fields.title;
    if (typeof fields.body === 'string' || fields.body === null) issue.body = fields.body;
    if (typeof fields.base === 'string' && issue.pull !== null) issue.pull = { ...issue.pull, baseRef: fields.base };
    if (fields.state === 'open' || fields.state === 'closed') {
      issue.closedAt = fields.state === 'closed' ? (issue.state === 'closed' ? issue.closedAt : now) : null;
      issue.state = fields.state;
    }
    issue.updatedAt = now;
    return { status: 200, json: toPull(issue) };
  }

  return [
    { method: 'POST', path: '/repos/:owner/:repo/pulls', host: 'api', handle: createPull },
    { method: 'GET', path: '/repos/:owner/:repo/pulls', host: 'api', handle: listPulls },
    { method: 'GET', path: '/repos/:owner/:repo/pulls/:number', host: 'api', handle: getPull },
    { method: 'PATCH', path: '/repos/:owner/:repo/pulls/:number', host: 'api', handle: updatePull },
  ];
}
