import type { DataState } from '@figurl/plugin-interface';
import { StatusMessage } from '@figurl/plugin-interface';
import { MarkdownDocument } from './markdown-document.js';
import type { MarkdownData } from './parse-markdown-data.js';

export interface MarkdownViewProps {
  state: DataState<MarkdownData | null>;
  section: string | undefined;
  onSection(section: string): void;
}

/** The plugin's view: loading, empty (no data, or an empty document), error, or the document. */
export function MarkdownView({ state, section, onSection }: MarkdownViewProps) {
  switch (state.status) {
    case 'loading':
      return <StatusMessage kind="loading">Loading the document…</StatusMessage>;
    case 'error':
      return <StatusMessage kind="error">{state.error.message}</StatusMessage>;
    case 'ready':
      if (state.data === null) return <StatusMessage kind="empty">This figure has no data.</StatusMessage>;
      if (state.data.source.trim() === '') return <StatusMessage kind="empty">This document is empty.</StatusMessage>;
      return <MarkdownDocument source={state.data.source} section={section} onSection={onSection} />;
  }
}
