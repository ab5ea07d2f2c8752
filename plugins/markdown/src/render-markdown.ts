import DOMPurify, { type DOMPurify as Purifier } from 'dompurify';
import { Marked, type Tokens } from 'marked';
import { slugify } from './slugify.js';
import { toFigureEmbedUrl } from './to-figure-embed-url.js';

export interface RenderedMarkdown {
  /** Sanitized HTML; figure embeds are `<span data-figurl-embed="<url>">` placeholders. */
  html: string;
  /** Section names of the headings, in order. */
  sections: string[];
}

const defaultEmbedHeight = 500;

let purifier: Purifier | undefined;

/**
 * Markdown (GFM) to sanitized HTML. Raw HTML passes through DOMPurify (no scripts, event
 * handlers or javascript: URLs); links open in a new tab (a click must not navigate the
 * figure's frame). Headings carry `data-section` and a ¶ link; an image whose address is a
 * figURL, or a ```figurl block holding one (`figurl height=400` sets the height), becomes a
 * placeholder the view fills with the figure's iframe.
 *
 * @example
 * renderMarkdown('# Results\n![chart](https://figurl.org/f?v=gs://figurl/vegalite-2&d=sha1://…)');
 */
export function renderMarkdown(source: string): RenderedMarkdown {
  const taken = new Map<string, number>();
  const sections: string[] = [];
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading(this: { parser: { parseInline(tokens: Tokens.Heading['tokens']): string } }, token: Tokens.Heading) {
        const slug = slugify(token.text, taken);
        sections.push(slug);
        const inner = this.parser.parseInline(token.tokens);
        const link = `<a class="section-link" href="#${escapeAttribute(slug)}" aria-label="Link to this section">¶</a>`;
        return `<h${token.depth} data-section="${escapeAttribute(slug)}">${inner}${link}</h${token.depth}>\n`;
      },
      image(token: Tokens.Image) {
        const url = toFigureEmbedUrl(token.href);
        return url === undefined ? false : embedPlaceholder(url, token.text, defaultEmbedHeight);
      },
      code(token: Tokens.Code) {
        const [word, ...options] = (token.lang ?? '').trim().split(/\s+/);
        if (word !== 'figurl') return false;
        const url = toFigureEmbedUrl(token.text.trim().split('\n')[0] ?? '');
        if (url === undefined) return false;
        return embedPlaceholder(url, '', readHeight(options));
      },
    },
  });
  const html = marked.parse(source, { async: false });
  return { html: getPurifier().sanitize(html, { FORBID_TAGS: ['style', 'form'] }), sections };
}

function embedPlaceholder(url: string, label: string, height: number): string {
  return `<span data-figurl-embed="${escapeAttribute(url)}" data-label="${escapeAttribute(label)}" data-height="${height}"></span>`;
}

function readHeight(options: string[]): number {
  for (const option of options) {
    const match = /^height=(\d{2,5})$/.exec(option);
    if (match) return Number(match[1]);
  }
  return defaultEmbedHeight;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Created on first use, with its hook: nothing is set up when the module loads. */
function getPurifier(): Purifier {
  if (purifier !== undefined) return purifier;
  purifier = DOMPurify(window);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && !(node.getAttribute('href') ?? '').startsWith('#')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  return purifier;
}
