/** The hidden marker that makes the Action's pull request comment findable (and sticky). */
export const stickyMarker = '<!-- figurl:action -->';

/** The fields of an issue comment (`GET /repos/{o}/{r}/issues/{n}/comments`) the search reads. */
export interface IssueComment {
  id: number;
  body?: string | null | undefined;
}

/**
 * The Action's sticky comment among all of a pull request's comments (every page, oldest
 * first): the last one whose body starts with the marker. A comment that merely quotes or
 * mentions the marker further down does not count. Null when there is none.
 *
 * @example
 * findStickyComment([{ id: 1, body: 'LGTM' }, { id: 7, body: `${stickyMarker}\n### figurl` }]); // { id: 7, … }
 */
export function findStickyComment<C extends IssueComment>(comments: readonly C[], marker = stickyMarker): C | null {
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i] as C;
    if ((comment.body ?? '').trimStart().startsWith(marker)) return comment;
  }
  return null;
}
