import type { Context } from 'probot';
import { parseCommand, renderHelp } from '../commands/parse-command.js';
import { renderPinResult } from '../commands/render-pin-result.js';
import type { BotDeps } from '../lib/bot-deps.js';
import { hasWritePermission } from '../lib/has-write-permission.js';
import { pinPullRequestFigures } from '../lib/pin-pull-request-figures.js';

/**
 * `issue_comment.created` on a pull request: `/figurl help|pin|archive`. Only people who may
 * push to the repository are answered (anyone can comment on a public pull request, and an
 * answer to everyone would let strangers make the bot write); bots are ignored, so the bot
 * never answers itself.
 */
export async function handleIssueComment(context: Context<'issue_comment.created'>, deps: BotDeps): Promise<void> {
  const { comment, issue, sender } = context.payload;
  if (issue.pull_request == null || sender.type === 'Bot') return;
  const command = parseCommand(comment.body ?? '');
  if (command === null) return;
  const repo = context.repo();
  if (!(await hasWritePermission(context.octokit, repo, sender.login))) {
    context.log.info({ user: sender.login }, 'ignored a /figurl command from a user without write permission');
    return;
  }
  const reply = (body: string) =>
    context.octokit.rest.issues.createComment({
      ...repo,
      issue_number: issue.number,
      body: `@${sender.login} ${body}`,
    });
  switch (command.name) {
    case 'help':
      await reply(renderHelp());
      return;
    case 'unknown':
      await reply(renderHelp(command.word));
      return;
    case 'archive':
      await reply(
        'Zenodo export is not available yet; the figures stay in the zone meanwhile (`/figurl pin` keeps them).',
      );
      return;
    case 'pin': {
      const result = await pinPullRequestFigures(deps.figures, {
        repo: `${repo.owner}/${repo.repo}`,
        pullRequest: issue.number,
      });
      await reply(renderPinResult(result));
      return;
    }
  }
}
