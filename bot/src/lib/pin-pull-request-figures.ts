import type { FigureClient } from '@figurl/sdk';
import { listCommitFigures } from '../figures/list-commit-figures.js';

export interface PinResult {
  pinned: number;
  alreadyPinned: number;
  failed: Array<{ label: string; message: string }>;
}

/**
 * Pins every live figure of a pull request (all its commits) in the zone, so none expires:
 * `PATCH /api/v1/figures/:id {pinned: true}` through the sdk's figure client. The zone lets
 * only a figure's owner change it, so figures the bot's token does not own are reported as
 * failed with the zone's message rather than skipped silently.
 *
 * @example
 * const result = await pinPullRequestFigures(figures, { repo: 'octo/lab', pullRequest: 12 });
 */
export async function pinPullRequestFigures(
  figures: FigureClient,
  options: { repo: string; pullRequest: number },
): Promise<PinResult> {
  const all = await listCommitFigures(figures, { repo: options.repo, pullRequest: options.pullRequest });
  const result: PinResult = { pinned: 0, alreadyPinned: 0, failed: [] };
  for (const figure of all) {
    if (figure.pinned) {
      result.alreadyPinned += 1;
      continue;
    }
    try {
      await figures.update(figure.id, { pinned: true });
      result.pinned += 1;
    } catch (error) {
      result.failed.push({ label: figure.label, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
