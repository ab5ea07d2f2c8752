import type { FigureClient } from '@figurl/sdk';
import type { ApplicationFunction, Probot } from 'probot';
import { handleIssueComment } from './handlers/issue-comment.js';
import { handlePullRequest } from './handlers/pull-request.js';
import { handleWorkflowRun } from './handlers/workflow-run.js';
import type { BotDeps } from './lib/bot-deps.js';
import { createKeyedLock } from './lib/keyed-lock.js';

export type { BotDeps, Octokit, RepoRef } from './lib/bot-deps.js';

export interface FigurlAppOptions {
  figures: FigureClient;
  shellUrl: string;
  zoneUrl?: string | null;
  /** The app's slug when known; otherwise asked once from `GET /app`. */
  appSlug?: string | undefined;
  /**
   * More features on the same app and deps (curation snapshots, …): each gets the Probot
   * instance and the deps, and registers its own `app.on(...)` handlers.
   */
  extraHandlers?: ReadonlyArray<(app: Probot, deps: BotDeps) => void | Promise<void>>;
}

/**
 * The figurl GitHub App as a Probot application function: wires events to handlers, nothing
 * else. Sticky comment and check run on `pull_request` opened/synchronize/reopened and
 * `workflow_run.completed`; `/figurl` commands on `issue_comment.created`.
 *
 * @example
 * const appFn = createFigurlApp({ figures: createFigureClient(zone.connection), shellUrl });
 * const middleware = await createNodeMiddleware(appFn, { probot: createProbot() });
 */
export function createFigurlApp(options: FigurlAppOptions): ApplicationFunction {
  return async (app) => {
    let login: Promise<string> | null = null;
    const deps: BotDeps = {
      figures: options.figures,
      shellUrl: options.shellUrl,
      zoneUrl: options.zoneUrl ?? null,
      withLock: createKeyedLock(),
      getBotLogin() {
        if (options.appSlug !== undefined) return Promise.resolve(`${options.appSlug}[bot]`);
        login ??= app
          .auth()
          .then((octokit) => octokit.rest.apps.getAuthenticated())
          .then(({ data }) => `${data?.slug ?? ''}[bot]`)
          .catch((error: unknown) => {
            login = null; // ask again next time
            throw error;
          });
        return login;
      },
    };
    app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], (context) =>
      handlePullRequest(context, deps),
    );
    app.on('workflow_run.completed', (context) => handleWorkflowRun(context, deps));
    app.on('issue_comment.created', (context) => handleIssueComment(context, deps));
    for (const extra of options.extraHandlers ?? []) await extra(app, deps);
  };
}
