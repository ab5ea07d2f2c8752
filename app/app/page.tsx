import type { CSSProperties } from 'react';
import { SiteHeader } from '../components/site-header';
import { getSession } from '../lib/session';
import { getShellConfig } from '../lib/shell-config';
import { type GalleryFigure, listGalleryFigures } from '../lib/zone';

// The gallery is the zone's current list, and the header shows who is signed in.
export const dynamic = 'force-dynamic';

const cliSnippet = `npx figurl figure vegalite spec.json --label "My chart"`;
const tsSnippet = `import { VegaLite } from '@figurl/sdk/node';

const spec = {
  mark: 'bar',
  data: { values: [{ run: 'a', score: 3 }, { run: 'b', score: 5 }] },
  encoding: { x: { field: 'run' }, y: { field: 'score', type: 'quantitative' } },
};
console.log(await new VegaLite(spec).url({ label: 'My chart' }));`;

/** The home page: what figurl is, the zone's figures (pinned first), and how to make one. */
export default async function HomePage() {
  const config = getShellConfig();
  const [session, gallery] = await Promise.all([getSession(), listGalleryFigures({ config, fetch })]);
  return (
    <>
      <SiteHeader login={session?.login ?? null} />
      <main style={{ maxWidth: 960, margin: '0 auto', padding: '32px 24px 64px', lineHeight: 1.5 }}>
        <h1 style={{ fontSize: 32, margin: '0 0 12px' }}>figurl</h1>
        <p style={{ fontSize: 18, maxWidth: 720, margin: 0 }}>
          figurl turns data made by a script or a CI job into a short, permanent link to an interactive figure in the
          browser: a figURL. The data behind a link is content-addressed (<code>sha1://…</code>), so a link never
          changes meaning and the data can move between stores without breaking it; the figure is drawn by a plugin in a
          sandboxed frame. Share figURLs in pull requests, READMEs and papers, curate them, and archive them to Zenodo.
        </p>

        <h2 style={headingStyle}>Figures</h2>
        <GallerySection gallery={gallery} />

        <h2 style={headingStyle}>Make your own</h2>
        <p style={{ margin: '0 0 8px' }}>From a shell, with a Vega-Lite spec in a file:</p>
        <pre>
          <code>{cliSnippet}</code>
        </pre>
        <p style={{ margin: '16px 0 8px' }}>
          From TypeScript (the zone and this shell come from <code>FIGURL_ZONE_URL</code> and{' '}
          <code>FIGURL_SHELL_URL</code>):
        </p>
        <pre>
          <code>{tsSnippet}</code>
        </pre>
        <p style={{ color: 'var(--muted)', marginTop: 16 }}>
          Both print a figURL of this shell, and the figure appears in the list above.
        </p>
      </main>
    </>
  );
}

const headingStyle: CSSProperties = { fontSize: 22, margin: '40px 0 12px' };

function GallerySection({ gallery }: { gallery: Awaited<ReturnType<typeof listGalleryFigures>> }) {
  if (!gallery.ok) {
    return (
      <p role="status" data-figurl-gallery="unavailable" style={{ color: 'var(--muted)' }}>
        {gallery.message} figURLs you already have still open; try this page again in a moment.
      </p>
    );
  }
  if (gallery.figures.length === 0) {
    return (
      <p data-figurl-gallery="empty" style={{ color: 'var(--muted)' }}>
        No figures yet. Make one with the commands below and it will be listed here.
      </p>
    );
  }
  return (
    <ul
      data-figurl-gallery="figures"
      style={{
        listStyle: 'none',
        padding: 0,
        margin: 0,
        display: 'grid',
        gap: 12,
        gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))',
      }}
    >
      {gallery.figures.map((figure) => (
        <GalleryCard key={figure.id} figure={figure} />
      ))}
    </ul>
  );
}

function GalleryCard({ figure }: { figure: GalleryFigure }) {
  const where =
    figure.repo === null
      ? figure.owner
      : `${figure.repo}${figure.pullRequest === null ? '' : ` #${figure.pullRequest}`}`;
  return (
    <li style={{ border: '1px solid var(--border)', borderRadius: 8, padding: '12px 14px' }}>
      <a href={figure.href} style={{ fontWeight: 600, wordBreak: 'break-word' }}>
        {figure.label}
      </a>
      <div style={{ color: 'var(--muted)', fontSize: 14, marginTop: 4 }}>
        {figure.pinned ? <span style={{ marginRight: 8 }}>pinned ·</span> : null}
        {where} · <time dateTime={figure.createdAt}>{figure.createdAt.slice(0, 10)}</time>
      </div>
    </li>
  );
}
