import { gateRepo } from './gate-repo.js';
import { paginate } from './paginate.js';
import type { StandInCheckRun } from './repo-records.js';
import { parseJsonObject, toErrorResponse, toValidationFailed } from './responses.js';
import type { Route, RouteContext, StandInRequest, StandInResponse } from './route-table.js';
import { toGitHubDate } from './state.js';
import { toAppObject } from './to-app-objects.js';

const docs = {
  create: 'https://docs.github.com/rest/checks/runs#create-a-check-run',
  update: 'https://docs.github.com/rest/checks/runs#update-a-check-run',
  get: 'https://docs.github.com/rest/checks/runs#get-a-check-run',
  list: 'https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference',
} as const;

/** "Create a check run": `output.summary` and `output.text` take at most 65535 characters. */
export const maxCheckOutputLength = 65535;
const statuses = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'];
const conclusions = ['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'stale', 'timed_out'];

/**
 * Check runs (GitHub Apps only; user tokens get 403 "You must authenticate via a GitHub App."):
 * create (201), update, get, and list for a ref (`{ total_count, check_runs }`).
 */
export function checkRunRoutes({ state, baseUrl, records }: RouteContext): Route[] {
  function toCheckRun(run: StandInCheckRun) {
    const api = `${baseUrl}/repos/${run.repo.fullName}`;
    return {
      id: run.id,
      head_sha: run.headSha,
      node_id: Buffer.from(`08:CheckRun${run.id}`).toString('base64'),
      external_id: run.externalId,
      url: `${api}/check-runs/${run.id}`,
      html_url: `${baseUrl}/${run.repo.fullName}/runs/${run.id}`,
      details_url: run.detailsUrl ?? `${baseUrl}/${run.repo.fullName}/runs/${run.id}`,
      status: run.status,
      conclusion: run.conclusion,
      started_at: run.startedAt,
      completed_at: run.completedAt,
      output: {
        title: run.output.title,
        summary: run.output.summary,
        text: run.output.text,
        annotations_count: run.output.annotationsCount,
        annotations_url: `${api}/check-runs/${run.id}/annotations`,
      },
      name: run.name,
      check_suite: { id: run.checkSuiteId },
      app: toAppObject(run.app, baseUrl),
      pull_requests: [...records.issuesOf(run.repo).values()]
        .filter((issue) => issue.state === 'open' && issue.pull !== null)
        .filter(
          (issue) => state.findHead(issue.pull?.headRepo ?? run.repo, issue.pull?.headRef ?? '')?.sha === run.headSha,
        )
        .map((issue) => ({
          url: `${api}/pulls/${issue.number}`,
          id: issue.id,
          number: issue.number,
          head: { ref: issue.pull?.headRef, sha: run.headSha },
          base: { ref: issue.pull?.baseRef, sha: state.findHead(run.repo, issue.pull?.baseRef ?? '')?.sha ?? '' },
        })),
    };
  }

  /** Applies the writable fields; a message for the first invalid one. */
  function apply(run: StandInCheckRun, fields: Record<string, unknown>, docsUrl: string): StandInResponse | null {
    const invalid = (message: string) => toErrorResponse(422, `Invalid request.\n\n${message}`, docsUrl);
    if (fields.status !== undefined && !statuses.includes(String(fields.status))) {
      return invalid(`For 'properties/status', ${JSON.stringify(fields.status)} is not a member of enum.`);
    }
    if (
      fields.conclusion !== undefined &&
      fields.conclusion !== null &&
      !conclusions.includes(String(fields.conclusion))
    ) {
      return invalid(`For 'properties/conclusion', ${JSON.stringify(fields.conclusion)} is not a member of enum.`);
    }
    const output = (fields.output ?? undefined) as Record<string, unknown> | undefined;
    if (output !== undefined) {
      for (const key of ['summary', 'text']) {
        const value = output[key];
        if (typeof value === 'string' && [...value].length > maxCheckOutputLength) {
          // (reported) the wording api.github.com gives for an over-long output field.
          return invalid(`Only ${maxCheckOutputLength} characters are allowed; ${[...value].length} were supplied.`);
        }
      }
      if (typeof output.title !== 'string' || typeof output.summary !== 'string') {
        return invalid(`"${typeof output.title !== 'string' ? 'title' : 'summary'}" wasn't supplied.`);
      }
      const annotations = Array.isArray(output.annotations) ? output.annotations : [];
      if (annotations.length > 50) {
        // "Create a check run": at most 50 annotations per request.
        return toValidationFailed([{ resource: 'CheckRun', code: 'invalid', field: 'annotations' }], docsUrl);
      }
      run.output = {
        title: output.title,
        summary: output.summary,
        text: typeof output.text === 'string' ? output.text : null,
        annotationsCount: run.output.annotationsCount + annotations.length,
        images: Array.isArray(output.images) ? output.images : [],
      };
    }
    const now = toGitHubDate(state.now());
    if (typeof fields.name === 'string') run.name = fields.name;
    if (typeof fields.details_url === 'string') run.detailsUrl = fields.details_url;
    if (typeof fields.external_id === 'string') run.externalId = fields.external_id;
    if (typeof fields.started_at === 'string') run.startedAt = toGitHubDate(Date.parse(fields.started_at));
    if (Array.isArray(fields.actions)) run.actions = fields.actions;
    // "conclusion": providing it sets status to completed; completed requires a conclusion.
    if (typeof fields.conclusion === 'string') {
      run.status = 'completed';
      run.conclusion = fields.conclusion;
    } else if (typeof fields.status === 'string') {
      run.status = fields.status as StandInCheckRun['status'];
    }
    if (run.status === 'completed' && run.conclusion === null) {
      return toValidationFailed([{ resource: 'CheckRun', code: 'missing_field', field: 'conclusion' }], docsUrl);
    }
    if (run.status === 'completed') {
      run.completedAt =
        typeof fields.completed_at === 'string'
          ? toGitHubDate(Date.parse(fields.completed_at))
          : (run.completedAt ?? now);
    }
    return null;
  }

  function createCheckRun(request: StandInRequest): StandInResponse {
    const gated = gateRepo(state, request, {
      permission: 'checks',
      access: 'write',
      user: 'app',
      docsUrl: docs.create,
    });
    if ('status' in gated) return gated;
    const app = request.auth?.installation?.app;
    if (app === undefined) return toErrorResponse(403, 'You must authenticate via a GitHub App.', docs.create);
    const fields = parseJsonObject(request.body);
    if (fields === null) return toErrorResponse(400, 'Problems parsing JSON', docs.create);
    for (const key of ['name', 'head_sha']) {
      if (typeof fields[key] !== 'string')
        return toErrorResponse(422, `Invalid request.\n\n"${key}" wasn't supplied.`, docs.create);
    }
    const headSha = String(fields.head_sha).toLowerCase();
    if (!gated.repo.commitsBySha.has(headSha)) {
      return toValidationFailed(
        [{ resource: 'CheckRun', code: 'invalid', field: 'head_sha', message: `No commit found for SHA: ${headSha}` }],
        docs.create,
      );
    }
    const now = toGitHubDate(state.now());
    const run: StandInCheckRun = {
      id: records.nextId(),
      repo: gated.repo,
      app,
      name: String(fields.name),
      headSha,
      externalId: '',
      detailsUrl: null,
      status: 'queued',
      conclusion: null,
      startedAt: now,
      completedAt: null,
      output: { title: null, summary: null, text: null, annotationsCount: 0, images: [] },
      actions: [],
      checkSuiteId: records.checkSuiteId(app, gated.repo, headSha),
    };
    const problem = apply(run, fields, docs.create);
    if (problem !== null) return problem;
    records.checkRuns.set(run.id, run);
    return { status: 201, json: toCheckRun(run) };
  }

  function findRun(
    request: StandInRequest,
    access: 'read' | 'write',
    docsUrl: string,
  ): { run: StandInCheckRun } | { response: StandInResponse } {
    const gated = gateRepo(state, request, {
      permission: 'checks',
      access,
      user: access === 'read' ? 'read' : 'app',
      docsUrl,
    });
    if ('status' in gated) return { response: gated };
    const run = records.checkRuns.get(Number(request.params.id));
    if (run === undefined || run.repo !== gated.repo) return { response: toErrorResponse(404, 'Not Found', docsUrl) };
    if (access === 'write' && request.auth?.installation?.app !== run.app) {
      // Only the app that created a check run may update it.
      const message = `Invalid app_id \`${request.auth?.installation?.app.id}\` - check run can only be modified by the GitHub App that created it.`;
      return { response: toErrorResponse(403, message, docsUrl) };
    }
    return { run };
  }

  function updateCheckRun(request: StandInRequest): StandInResponse {
    const found = findRun(request, 'write', docs.update);
    if ('response' in found) return found.response;
    const { run } = found;
    const fields = parseJsonObject(request.body);
    if (fields === null) return toErrorResponse(400, 'Problems parsing JSON', docs.update);
    const draft: StandInCheckRun = { ...run, output: { ...run.output } };
    const problem = apply(draft, fields, docs.update);
    if (problem !== null) return problem;
    Object.assign(run, draft);
    return { status: 200, json: toCheckRun(run) };
  }

  function getCheckRun(request: StandInRequest): StandInResponse {
    const found = findRun(request, 'read', docs.get);
    return 'response' in found ? found.response : { status: 200, json: toCheckRun(found.run) };
  }

  function listForRef(request: StandInRequest): StandInResponse {
    const gated = gateRepo(state, request, { permission: 'checks', access: 'read', user: 'read', docsUrl: docs.list });
    if ('status' in gated) return gated;
    const ref = (request.params.ref ?? '').replace(/^(refs\/)?heads\//, '');
    const sha =
      state.findHead(gated.repo, ref)?.sha ??
      (gated.repo.commitsBySha.has(ref.toLowerCase()) ? ref.toLowerCase() : null);
    if (sha === null) return toErrorResponse(422, `No commit found for SHA: ${request.params.ref}`, docs.list);
    const name = request.query.get('check_name');
    const status = request.query.get('status');
    const appId = request.query.get('app_id');
    const filter = request.query.get('filter') ?? 'latest';
    let runs = [...records.checkRuns.values()]
      .filter((run) => run.repo === gated.repo && run.headSha === sha)
      .filter((run) => (name === null || run.name === name) && (status === null || run.status === status))
      .filter((run) => appId === null || String(run.app.id) === appId)
      .sort((a, b) => b.id - a.id);
    if (filter === 'latest') {
      // The most recent run per (app, name), as the default `filter=latest` returns.
      const seen = new Set<string>();
      runs = runs.filter((run) => {
        const key = `${run.app.id}:${run.name}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    const page = paginate(
      runs,
      request,
      `${baseUrl}/repos/${gated.repo.fullName}/commits/${request.params.ref}/check-runs`,
    );
    return {
      status: 200,
      headers: page.headers,
      json: { total_count: runs.length, check_runs: page.items.map(toCheckRun) },
    };
  }

  return [
    { method: 'POST', path: '/repos/:owner/:repo/check-runs', host: 'api', handle: createCheckRun },
    { method: 'PATCH', path: '/repos/:owner/:repo/check-runs/:id', host: 'api', handle: updateCheckRun },
    { method: 'GET', path: '/repos/:owner/:repo/check-runs/:id', host: 'api', handle: getCheckRun },
    { method: 'GET', path: '/repos/:owner/:repo/commits/:ref/check-runs', host: 'api', handle: listForRef },
  ];
}
