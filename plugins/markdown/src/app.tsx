import { useFigureData, useUrlState } from '@figurl/plugin-interface';
import { useCallback } from 'react';
import { MarkdownView } from './markdown-view.js';
import { parseMarkdownData } from './parse-markdown-data.js';

/**
 * URL state: `{section: <heading name>}`, written when the reader follows a link to a heading
 * (its ¶ link, or `[…](#name)` in the text); read at load and on back/forward to scroll there.
 */
export function App() {
  const state = useFigureData(parseMarkdownData);
  const [urlState, setUrlState] = useUrlState();
  const section = typeof urlState.section === 'string' ? urlState.section : undefined;
  const onSection = useCallback(
    (name: string) => setUrlState((previous) => ({ ...previous, section: name })),
    [setUrlState],
  );
  return <MarkdownView state={state} section={section} onSection={onSection} />;
}
