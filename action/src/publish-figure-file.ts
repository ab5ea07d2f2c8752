import {
  type Figure,
  type FigurlContext,
  FigurlError,
  isFigurlError,
  Markdown,
  parseSortingviewLayout,
  quote,
  VegaLite,
} from '@figurl/sdk';
import { storeFile } from '@figurl/sdk/node';
import { classifyFigureFile, type FigureKind } from './classify-figure-file.js';

/** One file's figURL (or, for a plain file, its download link), as the `figurls` output lists it. */
export interface PublishedFile {
  label: string;
  url: string;
  /** The file, relative to the workspace. */
  file: string;
  kind: FigureKind;
  /** A URL that shows the figure as an image (plain image files), for thumbnails. */
  imageUrl?: string;
}

const imageExtensions = /\.(?:png|jpe?g|gif|svg|webp)$/i;

/**
 * Makes one file's figure through the sdk: Vega-Lite, sortingview and Markdown figures are
 * stored and registered with the context's repository, pull request and commit
 * (`Figure#url`); any other file is stored as a blob (pinned by the upload) and linked at the
 * zone's `/sha1/<hash>`. Errors name the file and say what was expected.
 *
 * @example
 * await publishFigureFile({ context, path: '/w/figures/loss.json', file: 'figures/loss.json', bytes, label: 'figures/loss.json' });
 */
export async function publishFigureFile(options: {
  context: FigurlContext;
  /** Absolute path, read for plain files. */
  path: string;
  file: string;
  bytes: Uint8Array;
  label: string;
}): Promise<PublishedFile> {
  const { context, path, file, bytes, label } = options;
  const source = classifyFigureFile(file, bytes);
  const base = { label, file, kind: source.kind };
  if (source.kind === 'file') {
    const { sha1 } = await storeFile(context.zone, path);
    const url = blobUrl(context, sha1);
    return { ...base, url, ...(imageExtensions.test(file) ? { imageUrl: url } : {}) };
  }
  const figure = make(file, source.kind, () => {
    if (source.kind === 'vega-lite') return new VegaLite(source.spec);
    if (source.kind === 'markdown') return new Markdown(source.source);
    return parseSortingviewLayout(source.layout).toFigure({ createHasher: context.createHasher });
  });
  return { ...base, url: await figure.url({ label, context }) };
}

function make(file: string, kind: FigureKind, build: () => Figure): Figure {
  try {
    return build();
  } catch (err) {
    if (!isFigurlError(err)) throw err;
    throw new FigurlError(err.code, `cannot make a ${kind} figure of ${quote(file)}: ${err.message}`);
  }
}

/** The zone's download link of a blob (`GET /sha1/<hash>`), in the context's zone. */
function blobUrl(context: FigurlContext, sha1: string): string {
  const { baseUrl, zone } = context.zone.connection;
  const url = new URL(`sha1/${sha1}`, baseUrl);
  if (zone !== undefined && zone !== 'default') url.searchParams.set('zone', zone);
  return url.toString();
}
