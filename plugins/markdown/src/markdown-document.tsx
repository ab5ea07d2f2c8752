import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { FigureFrame } from './figure-frame.js';
import { renderMarkdown } from './render-markdown.js';

interface Embed {
  element: HTMLElement;
  src: string;
  label: string;
  height: number;
}

export interface MarkdownDocumentProps {
  source: string;
  /** The section to show (URL state); scrolled to when it changes. */
  section: string | undefined;
  /** The reader followed a link to a section (a heading's ¶ or `[…](#name)`). */
  onSection(section: string): void;
}

/** A rendered document; figure embeds are React portals into the sanitized HTML's placeholders. */
export function MarkdownDocument({ source, section, onSection }: MarkdownDocumentProps) {
  const rendered = useMemo(() => renderMarkdown(source), [source]);
  const article = useRef<HTMLElement>(null);
  const [embeds, setEmbeds] = useState<Embed[]>([]);

  useLayoutEffect(() => {
    const root = article.current;
    if (root === null) return;
    root.innerHTML = rendered.html; // Sanitized by renderMarkdown (DOMPurify).
    const placeholders = root.querySelectorAll<HTMLElement>('[data-figurl-embed]');
    setEmbeds(
      Array.from(placeholders, (element) => ({
        element,
        src: element.dataset.figurlEmbed ?? '',
        label: element.dataset.label ?? '',
        height: Number(element.dataset.height) || 500,
      })),
    );
  }, [rendered]);

  useEffect(() => {
    const root = article.current;
    if (root === null) return;
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest('a');
      const href = link?.getAttribute('href');
      if (!href?.startsWith('#')) return;
      const name = decodeURIComponent(href.slice(1));
      if (!rendered.sections.includes(name)) return;
      event.preventDefault();
      onSection(name);
    };
    root.addEventListener('click', onClick);
    return () => root.removeEventListener('click', onClick);
  }, [rendered, onSection]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new document needs the scroll again, once its headings exist
  useEffect(() => {
    if (section === undefined) return;
    const heading = article.current?.querySelector(`[data-section="${CSS.escape(section)}"]`);
    heading?.scrollIntoView({ block: 'start' });
  }, [section, rendered]);

  return (
    <>
      <article ref={article} className="markdown-body" />
      {embeds.map((embed) =>
        createPortal(
          <FigureFrame src={embed.src} label={embed.label} height={embed.height} />,
          embed.element,
          embed.src,
        ),
      )}
    </>
  );
}
