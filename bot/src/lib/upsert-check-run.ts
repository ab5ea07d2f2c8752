import type { Octokit, RepoRef } from './bot-deps.js';

export interface UpsertCheckRunOptions {
  octokit: Octokit;
  repo: RepoRef;
  headSha: string;
  name: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
  /** The check's "Details" link; the main figURL. */
  detailsUrl?: string | undefined;
  /** The app's slug: only its own check runs are updated. */
  appSlug: string;
}

/**
 * One completed check run per commit and name: the app's existing run for the commit is
 * updated (`PATCH /check-runs/{id}`), else one is created, so re-deliveries and later
 * workflow runs do not pile up runs. Callers hold the commit's lock.
 *
 * @example
 * await upsertCheckRun({ octokit, repo, headSha, name: 'figurl', conclusion: 'success', title, summary, appSlug });
 */
export async function upsertCheckRun(options: UpsertCheckRunOptions): Promise<{ id: number; created: boolean }> {
  const { octokit, repo, headSha, name, appSlug } = options;
  const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: headSha, check_name: name, per_page: 100 });
  const mine = data.check_runs.find((run) => run.name === name && (run.app == null || run.app.slug === appSlug));
  const fields = {
    status: 'completed' as const,
    conclusion: options.conclusion,
    completed_at: new Date().toISOString(),
    output: { title: options.title, summary: options.summary },
    ...(options.detailsUrl === undefined ? {} : { details_url: options.detailsUrl }),
  };
  if (mine !== undefined) {
    await octokit.rest.checks.update({ ...repo, check_run_id: mine.id, ...fields });
    return { id: mine.id, created: false };
  }
  const created = await octokit.rest.checks.create({ ...repo, name, head_sha: headSha, ...fields });
  return { id: created.data.id, created: true };
}
