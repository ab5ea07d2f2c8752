import { createFigureClient, createZoneClient, type ListFiguresResponse } from '@figurl/sdk';
import type { ShellConfig } from './shell-config';

/** A figure of the home page's gallery, with its link on this shell. */
export interface GalleryFigure {
  id: string;
  label: string;
  /** `/f?v=…&d=…&label=…[&zone=…]` */
  href: string;
  owner: string;
  repo: string | null;
  pullRequest: number | null;
  pinned: boolean;
  createdAt: string;
}

export type Gallery = { ok: true; figures: GalleryFigure[] } | { ok: false; message: string };

/** The home page shows this many; the zone answers newest first. */
const galleryPageSize = 60;
/** The home page should render promptly even when the zone is slow. */
const timeoutMs = 3000;

/**
 * The public figures of the zone's registry for the home page: pinned ones first (the demo
 * figures among them), each group newest first. Asked anonymously, so a private figure never shows
 * on a page everyone sees. An unreachable zone is a message to show, not an error page.
 *
 * @example
 * const gallery = await listGalleryFigures({ config, fetch });
 * if (gallery.ok) for (const figure of gallery.figures) console.log(figure.label, figure.href);
 */
export async function listGalleryFigures(deps: {
  config: Pick<ShellConfig, 'zoneUrl'>;
  fetch: typeof fetch;
}): Promise<Gallery> {
  const zone = createZoneClient({ baseUrl: deps.config.zoneUrl, fetch: deps.fetch });
  let page: ListFiguresResponse;
  try {
    page = await createFigureClient(zone.connection).list({
      limit: galleryPageSize,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    console.error(err);
    return {
      ok: false,
      message: `The zone at ${deps.config.zoneUrl} did not answer, so recent figures cannot be listed.`,
    };
  }
  const figures = page.figures
    .filter((figure) => !figure.private)
    .map((figure) => ({
      id: figure.id,
      label: figure.label,
      href: toFigureHref(figure),
      owner: figure.owner,
      repo: figure.repo,
      pullRequest: figure.pullRequest,
      pinned: figure.pinned,
      createdAt: figure.createdAt,
    }));
  // A stable sort keeps the zone's newest-first order within each group.
  return { ok: true, figures: figures.sort((a, b) => Number(b.pinned) - Number(a.pinned)) };
}

/** The figURL on this shell, each value encoded so it reads back exactly (`+` in base64 data included). */
function toFigureHref(figure: ListFiguresResponse['figures'][number]): string {
  const params = new URLSearchParams({ v: figure.viewUri, d: figure.dataUri, label: figure.label });
  if (figure.zone !== 'default') params.set('zone', figure.zone);
  // `:` and `/` may stand unescaped in a query; figURLs read better with them.
  return `/f?${params.toString().replace(/%3A/g, ':').replace(/%2F/g, '/')}`;
}
