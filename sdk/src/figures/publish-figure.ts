import type { CanonicalJsonValue } from '../canonical-json/index.js';
import { sha1Hex } from '../hash/digest-stream.js';
import { type FigureRecord, registerFigureRequestSchema } from '../schemas/figures.js';
import { parseWith } from '../schemas/parse-with.js';
import { figureUrl } from '../uri/figure-url.js';
import { createFigureClient } from '../zone-client/figure-client.js';
import type { FigurlContext } from './figurl-context.js';
import { storeBytes } from './store-bytes.js';

export interface PublishFigureOptions {
  /** The page title and the registry's label: 1–1000 characters, no control characters. */
  label: string;
  /** URL state (`s`), a JSON object the plugin starts from, e.g. `{ unitId: 3 }`. */
  state?: { readonly [key: string]: CanonicalJsonValue | undefined } | undefined;
}

/** How many of a figure's further blobs (`blobs`) are stored at once. */
const parallelUploads = 4;

/** A blob a figure's data names as `sha1://<sha1>`, stored with the figure. */
export interface FigureBlob {
  sha1: string;
  bytes: Uint8Array;
}

export interface PublishedFigure {
  url: string;
  /** The registry's record of the figure. */
  figure: FigureRecord;
}

/**
 * Publishes a figure: stores its data (`json`, the canonical JSON text) as a blob through the
 * verified upload, registers the figure (view, `sha1://` data URI, label, and the context's
 * repository, pull request and commit), and returns its figURL on the context's shell. Blobs
 * the data names (`blobs`, e.g. the views of a sortingview layout) are stored before it, each
 * once, a few at a time. Every argument is checked before anything is sent, so a bad label
 * stores nothing. The same view, data, label and state give the same figURL; each call adds a
 * registry record.
 *
 * @example
 * const { url } = await publishFigure(context, { view: 'gs://figurl/vegalite-2', json: '{"spec":{}}' }, { label: 'empty' });
 */
export async function publishFigure(
  context: FigurlContext,
  figure: { view: string; json: string; blobs?: readonly FigureBlob[] | undefined },
  options: PublishFigureOptions,
): Promise<PublishedFigure> {
  const bytes = new TextEncoder().encode(figure.json);
  const sha1 = sha1Hex(bytes, context.createHasher);
  const dataUri = `sha1://${sha1}`;
  const github = context.github;
  const request = parseWith(
    registerFigureRequestSchema,
    {
      viewUri: figure.view,
      dataUri,
      label: options.label,
      ...(github === undefined ? {} : { repo: github.repo }),
      ...(github?.pullRequest === undefined ? {} : { pullRequest: github.pullRequest }),
      ...(github?.commitSha === undefined ? {} : { commitSha: github.commitSha }),
    },
    'figure',
  );
  const zoneName = context.zone.connection.zone;
  const url = figureUrl({
    baseUrl: context.shellUrl,
    view: figure.view,
    data: dataUri,
    label: options.label,
    state: options.state,
    // As Python: the zone goes into the link only when one is chosen.
    zone: zoneName === 'default' ? undefined : zoneName,
  });
  await storeBlobs(context, figure.blobs ?? []);
  await storeBytes(context.zone, bytes, { sha1 });
  const { figure: record } = await createFigureClient(context.zone.connection).register(request);
  return { url, figure: record };
}

async function storeBlobs(context: FigurlContext, blobs: readonly FigureBlob[]): Promise<void> {
  const pending = [...new Map(blobs.map((blob) => [blob.sha1, blob])).values()];
  const worker = async () => {
    for (let blob = pending.shift(); blob !== undefined; blob = pending.shift()) {
      await storeBytes(context.zone, blob.bytes, { sha1: blob.sha1 });
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelUploads, pending.length) }, worker));
}
