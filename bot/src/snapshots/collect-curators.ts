import type { CurationClient } from '@figurl/sdk';

/**
 * Who acted on a curation from version `from` up to `to` (exclusive), in the order they first
 * acted: the authors of actions `from … to−1` of its feed, read page by page.
 *
 * @example
 * await collectCurators(curations, 'abcdefghijkl', { from: 10, to: 12 }); // ['alice', 'bob']
 */
export async function collectCurators(
  curations: Pick<CurationClient, 'readActions'>,
  curationId: string,
  range: { from: number; to: number },
): Promise<string[]> {
  const curators = new Set<string>();
  let from = range.from;
  while (from < range.to) {
    const page = await curations.readActions(curationId, { from, limit: Math.min(1000, range.to - from) });
    if (page.actions.length === 0) break;
    for (const entry of page.actions) if (entry.seq < range.to) curators.add(entry.author);
    from = (page.actions.at(-1)?.seq ?? from) + 1;
  }
  return [...curators];
}
