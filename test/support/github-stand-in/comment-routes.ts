import { gateRepo } from './gate-repo.js';
import { paginate } from './paginate.js';
import type { StandInComment } from './repo-records.js';
import { parseJsonObject, toErrorResponse, toValidationFailed } from './responses.js';
import type { Route, RouteContext, StandInRequest, StandInResponse } from './route-table.js';
import { type StandInRepo, toGitHubDate } from './state.js';
import { toAppObject } from './to-app-objects.js';
import { toSimpleUser } from './to-simple-user.js';

const docs = {
  list: 'https://docs.github.com/rest/issues/comments#list-issue-comments',
  get: 'https://docs.github.com/rest/issues/comments#get-an-issue-comment',
  create: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  update: 'https://docs.github.com/rest/issues/comments#update-an-issue-comment',
  delete: 'https://docs.github.com/rest/issues/comments#delete-an-issue-comment',
} as const;

/** "Body is too long (maximum is 65536 characters)" (§8 of the reference; seen on api.github.com). */
export const maxCommentLength = 65536;

/**
 * Issue comments (PR conversation comments are issue comments): list with `per_page`, `page`,
 * `since` and a `Link` header; create (201), get, update and delete (204).
 */
export function commentRoutes({ state, baseUrl, records }: RouteContext): Route[] {
  function toComment(comment: StandInComment) {
    const api = `${baseUrl}/repos/${comment.repo.fullName}`;
    const issue = records.findIssue(comment.repo, comment.issueNumber);
    const kind = issue?.pull === null ? 'issues' : 'pull';
    return {
      id: comment.id,
      node_id: Buffer.from(`012:IssueComment${comment.id}`).toString('base64'),
      url: `${api}/issues/comments/${comment.id}`,
      html_url: `${baseUrl}/${comment.repo.fullName}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
      body: comment.body,
      user: toSimpleUser(comment.user, baseUrl),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      issue_url: `${api}/issues/${comment.issueNumber}`,
      author_association: toAuthorAssociation(comment.repo, comment.user.login),
      performed_via_github_app: comment.app === null ? null : toAppObject(comment.app, baseUrl),
      reactions: {
        url: `${api}/issues/comments/${comment.id}/reactions`,
        total_count: 0,
        '+1': 0,
        '-1': 0,
        laugh: 0,
        hooray: 0,
        confused: 0,
        heart: 0,
        rocket: 0,
        eyes: 0,
      },
    };
  }

  function toAuthorAssociation(repo: StandInRepo, login: string): string {
    if (login.toLowerCase() === repo.owner.login.toLowerCase()) return 'OWNER';
    return repo.collaborators.has(login.toLowerCase()) ? 'COLLABORATOR' : 'NONE';
  }

  /** Issue comments need `issues`; on a pull request `pull_requests` will do as well. */
  function gate(request: StandInRequest, access: 'read' | 'write', docsUrl: string, number?: number) {
    const first = gateRepo(state, request, { permission: 'issues', access, user: 'read', docsUrl });
    if (!('status' in first) || first.status !== 403) return first;
    const repo = state.findRepo(`${request.params.owner}/${request.params.repo}`);
    const issue = repo === null || number === undefined ? null : records.findIssue(repo, number);
    if (issue?.pull === null || issue === null) return first;
    return gateRepo(state, request, { permission: 'pull_requests', access, user: 'read', docsUrl });
  }

  function checkBody(fields: Record<string, unknown>, docsUrl: string): string | StandInResponse {
    const body = fields.body;
    if (body === undefined) return toErrorResponse(422, `Invalid request.\n\n"body" wasn't supplied.`, docsUrl);
    if (typeof body !== 'string') {
      return toErrorResponse(
        422,
        `Invalid request.\n\nFor 'properties/body', ${JSON.stringify(body)} is not a string.`,
        docsUrl,
      );
    }
    if ([...body].length > maxCommentLength) {
      const message = `Body is too long (maximum is ${maxCommentLength} characters)`;
      return toValidationFailed([{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message }], docsUrl);
    }
    return body;
  }

  function listComments(request: StandInRequest): StandInResponse {
    const number = Number(request.params.number);
    const gated = gate(request, 'read', docs.list, number);
    if ('status' in gated) return gated;
    const { repo } = gated;
    if (records.findIssue(repo, number) === null) return toErrorResponse(404, 'Not Found', docs.list);
    const since = request.query.get('since');
    const sinceMs = since === null ? Number.NEGATIVE_INFINITY : Date.parse(since);
    const all = [...records.comments.values()].filter(
      (comment) => comment.repo === repo && comment.issueNumber === number && Date.parse(comment.updatedAt) >= sinceMs,
    );
    const url = `${baseUrl}/repos/${repo.fullName}/issues/${number}/comments`;
    const page = paginate(all, request, url);
    return { status: 200, headers: page.headers, json: page.items.map(toComment) };
  }

  function createComment(request: StandInRequest): StandInResponse {
    const number = Number(request.params.number);
    const gated = gate(request, 'write', docs.create, number);
    if ('status' in gated) return gated;
    const { repo } = gated;
    const fields = parseJsonObject(request.body);
    if (fields === null) return toErrorResponse(400, 'Problems parsing JSON', docs.create);
    if (records.findIssue(repo, number) === null) return toErrorResponse(404, 'Not Found', docs.create);
    const body = checkBody(fields, docs.create);
    if (typeof body !== 'string') return body;
    const auth = request.auth;
    if (auth === null) return toErrorResponse(401, 'Requires authentication', docs.create);
    const now = toGitHubDate(state.now());
    const comment: StandInComment = {
      id: records.nextId(),
      repo,
      issueNumber: number,
      body,
      user: auth.user,
      app: auth.installation?.app ?? null,
      createdAt: now,
      updatedAt: now,
    };
    records.comments.set(comment.id, comment);
    return {
      status: 201,
      headers: { location: `${baseUrl}/repos/${repo.fullName}/issues/comments/${comment.id}` },
      json: toComment(comment),
    };
  }

  function findComment(request: StandInRequest, access: 'read' | 'write', docsUrl: string) {
    const repo = state.findRepo(`${request.params.owner}/${request.params.repo}`);
    const comment = records.comments.get(Number(request.params.id));
    const number = comment !== undefined && comment.repo === repo ? comment.issueNumber : undefined;
    const gated = gate(request, access, docsUrl, number);
    if ('status' in gated) return gated;
    if (comment === undefined || comment.repo !== gated.repo) return toErrorResponse(404, 'Not Found', docsUrl);
    // A user edits or deletes their own comments, or anyone's with push rights.
    const auth = request.auth;
    const mayChange =
      access === 'read' || (auth?.installation ?? null) !== null || auth?.user === comment.user || gated.access.write;
    if (!mayChange) return toErrorResponse(403, 'Must have admin rights to Repository.', docsUrl);
    return comment;
  }

  function getComment(request: StandInRequest): StandInResponse {
    const comment = findComment(request, 'read', docs.get);
    return 'status' in comment ? comment : { status: 200, json: toComment(comment) };
  }

  function updateComment(request: StandInRequest): StandInResponse {
    const comment = findComment(request, 'write', docs.update);
    if ('status' in comment) return comment;
    const fields = parseJsonObject(request.body);
    if (fields === null) return toErrorResponse(400, 'Problems parsing JSON', docs.update);
    const body = checkBody(fields, docs.update);
    if (typeof body !== 'string') return body;
    comment.body = body;
    comment.updatedAt = toGitHubDate(state.now());
    return { status: 200, json: toComment(comment) };
  }

  function deleteComment(request: StandInRequest): StandInResponse {
    const comment = findComment(request, 'write', docs.delete);
    if ('status' in comment) return comment;
    records.comments.delete(comment.id);
    return { status: 204 };
  }

  return [
    { method: 'GET', path: '/repos/:owner/:repo/issues/:number/comments', host: 'api', handle: listComments },
    { method: 'POST', path: '/repos/:owner/:repo/issues/:number/comments', host: 'api', handle: createComment },
    { method: 'GET', path: '/repos/:owner/:repo/issues/comments/:id', host: 'api', handle: getComment },
    { method: 'PATCH', path: '/repos/:owner/:repo/issues/comments/:id', host: 'api', handle: updateComment },
    { method: 'DELETE', path: '/repos/:owner/:repo/issues/comments/:id', host: 'api', handle: deleteComment },
  ];
}
