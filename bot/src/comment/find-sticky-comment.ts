/** The fields of an issue comment (GitHub's REST shape) the lookup needs. */
export interface CommentLike {
  id: number;
  body?: string | null | undefined;
  user?: { login: string } | null | undefined;
}

/**
 * The sticky comment among `comments`: the oldest one that carries `marker` and was written by
 * `botLogin` (`<slug>[bot]`). Checking the author matters: anyone can paste the marker into a
 * comment of their own, and the bot may only edit its own comments. Returns null when none.
 *
 * @example
 * findStickyComment(page, '<!-- figurl:figures -->', 'figurl[bot]');
 */
export function findStickyComment<C extends CommentLike>(
  comments: readonly C[],
  marker: string,
  botLogin: string,
): C | null {
  for (const comment of comments) {
    if (comment.user?.login === botLogin && typeof comment.body === 'string' && comment.body.includes(marker)) {
      return comment;
    }
  }
  return null;
}
