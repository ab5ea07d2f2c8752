import { type FigureRecord, figureUrl } from '@figurl/sdk';

/** One line of the figures table. */
export interface FigureRow {
  label: string;
  /** The figURL on the shell. */
  url: string;
  /** An image to show in the comment, when the figure is an image the zone serves publicly. */
  thumbnailUrl: string | null;
  /** The figURL of the base branch's figure with the same label, when there is one. */
  baseUrl: string | null;
}

export interface ToFigureRowsOptions {
  /** The figures registered for the head commit. */
  head: readonly FigureRecord[];
  /** The figures registered for the base branch's latest commit. */
  base: readonly FigureRecord[];
  /** The shell, e.g. `https://figurl.org`. */
  shellUrl: string;
  /** The zone's public URL, for thumbnails; null: no thumbnails. */
  zoneUrl: string | null;
}

/**
 * The table's rows: one per label (a re-run that registers a label again replaces it: the
 * newest wins), in the order the figures were first made, so the main figure stays on top.
 *
 * @example
 * const rows = toFigureRows({ head, base, shellUrl: 'https://figurl.org', zoneUrl: null });
 * rows[0].url; // the main figURL, the check run's details link
 */
export function toFigureRows(options: ToFigureRowsOptions): FigureRow[] {
  const head = newestByLabel(options.head);
  const base = newestByLabel(options.base);
  return [...head.values()]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.label.localeCompare(b.label))
    .flatMap((figure) => {
      const url = findFigureUrl(figure, options.shellUrl);
      if (url === null) return [];
      const baseFigure = base.get(figure.label);
      return {
        label: figure.label,
        url,
        thumbnailUrl: options.zoneUrl === null ? null : toThumbnailUrl(figure, options.zoneUrl),
        baseUrl: baseFigure === undefined ? null : findFigureUrl(baseFigure, options.shellUrl),
      };
    });
}

function newestByLabel(figures: readonly FigureRecord[]): Map<string, FigureRecord> {
  const byLabel = new Map<string, FigureRecord>();
  for (const figure of figures) {
    const seen = byLabel.get(figure.label);
    if (seen === undefined || seen.createdAt < figure.createdAt) byLabel.set(figure.label, figure);
  }
  return byLabel;
}

/** The figURL, or null for a record whose URIs the sdk refuses (the zone checked them; be safe). */
function findFigureUrl(figure: FigureRecord, shellUrl: string): string | null {
  try {
    return figureUrl({
      baseUrl: shellUrl,
      view: figure.viewUri,
      data: figure.dataUri,
      label: figure.label,
      zone: figure.zone === 'default' ? undefined : figure.zone,
    });
  } catch {
    return null;
  }
}

const imageLabel = /\.(?:png|jpe?g|gif|webp|svg)$/i;

/**
 * A raw image figure (the Action registers image files with their file name as the label) is
 * its own thumbnail: the zone's download URL of the data blob. Private figures get none: the
 * link would be unreadable, and GitHub's image proxy would cache it.
 */
function toThumbnailUrl(figure: FigureRecord, zoneUrl: string): string | null {
  if (figure.private || figure.dataSha1 === null || !imageLabel.test(figure.label)) return null;
  const zone = figure.zone === 'default' ? '' : `?zone=${encodeURIComponent(figure.zone)}`;
  return `${zoneUrl.replace(/\/+$/, '')}/sha1/${figure.dataSha1}${zone}`;
}
