import { findSha1OfUri, isFigurlError, parseFigureParams, resolveView } from '@figurl/sdk';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { preload } from 'react-dom';
import { ErrorPanel } from '../../components/error-panel';
import { FigureView } from '../../components/figure-view';
import { blobUrl } from '../../lib/blob-url';
import { getSession } from '../../lib/session';
import { getShellConfig } from '../../lib/shell-config';
import { listPlugins } from '../../lib/zone';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const label = first((await searchParams).label);
  return { title: label ? `${label} · figurl` : 'figurl' };
}

/**
 * The figure page: `/f?v=<plugin>&d=<data>&label=&s=&zone=&hide=`. The plugin frame is in the
 * server's HTML, so the plugin loads while the page's own scripts do; the figure's data is
 * preloaded too. Problems with the URL itself (no plugin, an unknown one) are error pages.
 */
export default async function FigurePage({ searchParams }: { searchParams: SearchParams }) {
  const query = toQuery(await searchParams);
  const config = getShellConfig();
  let params: ReturnType<typeof parseFigureParams>;
  let view: ReturnType<typeof resolveView>;
  try {
    params = parseFigureParams(query);
    const plugins = await listPlugins();
    view = resolveView(params.view, {
      pluginHostUrl: config.pluginHostUrl,
      plugins: new Set(plugins.map((p) => p.name)),
      aliases: config.pluginAliases,
      npmCdnUrl: config.npmCdnUrl,
    });
  } catch (err) {
    return <FigureUrlError error={err} />;
  }
  const parentOrigin = await requestOrigin(config.shellUrl);
  const sha1 = findSha1OfUri(params.dataUri);
  if (sha1 !== undefined)
    preload(blobUrl(config.zoneUrl, sha1, params.zone), { as: 'fetch', crossOrigin: 'anonymous' });
  const session = await getSession();
  return (
    <FigureView
      figureId={params.figureId ?? randomFigureId()}
      parentOrigin={parentOrigin}
      pluginUrl={view.url}
      plugin={view.plugin}
      dataUri={params.dataUri}
      label={params.label}
      view={params.view}
      stateText={params.stateText}
      zone={params.zone}
      hide={params.hide}
      zoneUrl={config.zoneUrl}
      login={session?.login ?? null}
    />
  );
}

function FigureUrlError({ error }: { error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  if (isFigurlError(error, 'NOT_FOUND')) {
    return (
      <ErrorPanel
        kind="unknown-plugin"
        title="Unknown plugin"
        message={message}
        advice={
          <p>
            Check the <code>v=</code> part of the link. A plugin is named by a short name of this shell, or by a{' '}
            <code>gs://</code>, <code>npm://</code> or <code>https://</code> location.
          </p>
        }
      />
    );
  }
  return (
    <ErrorPanel
      kind="invalid-figure-url"
      title="This figure link is not valid"
      message={message}
      advice={
        <p>
          A figure link looks like <code>/f?v=&lt;plugin&gt;&amp;d=sha1://&lt;hash&gt;&amp;label=&lt;title&gt;</code>.
          If it came from a message or a QR code, it may have been cut short: ask for the whole link.
        </p>
      }
    />
  );
}

/** The origin the browser sees this page at (what the plugin posts back to). */
async function requestOrigin(shellUrl: string): Promise<string> {
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host');
  if (host === null) return new URL(shellUrl).origin;
  const proto = h.get('x-forwarded-proto') ?? new URL(shellUrl).protocol.replace(':', '');
  return `${proto.split(',')[0]?.trim()}://${host.split(',')[0]?.trim()}`;
}

function randomFigureId(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (b) => letters[b % 26]).join('');
}

function toQuery(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const one = first(value);
    if (one !== undefined) query.set(key, one);
  }
  return query;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
