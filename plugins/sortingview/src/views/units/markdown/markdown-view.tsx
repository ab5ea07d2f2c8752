// The markdown plugin's renderer: GFM through marked, then DOMPurify (no scripts, handlers or
// javascript: URLs), links opening in a new tab. Shared, not copied, so both plugins sanitise alike.
import { renderMarkdown } from '@figurl/plugin-markdown/render-markdown';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { ViewProps } from '../../view-definition.js';
import { ViewMessage } from '../shared/view-message.js';
import type { MarkdownData } from './parse-markdown.js';
import './markdown-view.css';

/**
 * A markdown document (sortingview's Markdown view). Embedded figURLs, which the markdown plugin
 * draws as frames, become links here: a spike-sorting layout is no place for nested figures.
 */
export function MarkdownView({ data, width, height }: ViewProps<MarkdownData>) {
  const rendered = useMemo(() => renderMarkdown(data.source), [data]);
  const article = useRef<HTMLElement>(null);

  useLayoutEffect(() => {
    const root = article.current;
    if (root === null) return;
    root.innerHTML = rendered.html; // Sanitised by renderMarkdown (DOMPurify).
    for (const placeholder of root.querySelectorAll<HTMLElement>('[data-figurl-embed]')) {
      const link = document.createElement('a');
      link.href = placeholder.dataset.figurlEmbed ?? '';
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.textContent = `Open figure${placeholder.dataset.label ? `: ${placeholder.dataset.label}` : ''}`;
      placeholder.replaceChildren(link);
    }
  }, [rendered]);

  // In-document links (#section) scroll this view instead of navigating the frame.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the article appears once the source is not empty
  useEffect(() => {
    const root = article.current;
    if (root === null) return;
    const onClick = (event: MouseEvent) => {
      const href = (event.target as Element | null)?.closest('a')?.getAttribute('href');
      if (!href?.startsWith('#')) return;
      event.preventDefault();
      const name = decodeURIComponent(href.slice(1));
      root.querySelector(`[data-section="${CSS.escape(name)}"]`)?.scrollIntoView({ block: 'start' });
    };
    root.addEventListener('click', onClick);
    return () => root.removeEventListener('click', onClick);
  }, [rendered]);

  if (data.source.trim() === '') {
    return (
      <ViewMessage width={width} height={height}>
        This document is empty.
      </ViewMessage>
    );
  }
  return <article ref={article} className="sv-markdown" style={{ width, height }} />;
}
