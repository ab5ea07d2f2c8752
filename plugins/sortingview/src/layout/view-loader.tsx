import { type FileDownloadProgress, getFigurlBridge, StatusMessage } from '@figurl/plugin-interface';
import { memo, useEffect, useMemo, useState } from 'react';
import type { ViewEntry } from '../data/figure-model.js';
import { retiredViews, viewRegistry } from '../views/registry.js';

type LoadState =
  | { status: 'loading'; progress?: FileDownloadProgress }
  | { status: 'ready'; data: unknown }
  | { status: 'error'; message: string };

function formatBytes(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.round(n / 1e3)} kB`;
}

/**
 * One view: loads its data when first drawn (a MainLayout's views are separate files), decodes
 * its ndarrays into typed arrays, checks it with the view's parser, then draws it. Loading shows
 * the download progress; a bad file or unknown type shows why, in place, and the other views go on.
 */
export const ViewLoader = memo(function ViewLoader({
  view,
  width,
  height,
}: {
  view: ViewEntry;
  width: number;
  height: number;
}) {
  const [state, setState] = useState<LoadState>(() =>
    view.dataUri === undefined ? { status: 'ready', data: view.data } : { status: 'loading' },
  );
  useEffect(() => {
    const uri = view.dataUri;
    if (uri === undefined) return;
    let current = true;
    const bridge = getFigurlBridge();
    const off = bridge.onFileDownloadProgress((progress) => {
      if (current && progress.uri === uri)
        setState((prev) => (prev.status === 'loading' ? { status: 'loading', progress } : prev));
    });
    bridge
      .getFileData(uri, { responseType: 'json-deserialized' })
      .then((data) => {
        // When a view's data arrived (and was decoded), for the benchmark's first-frame times.
        performance.mark('sortingview:data-arrived', { detail: { type: view.type, uri } });
        if (current) setState({ status: 'ready', data });
      })
      .catch(
        (err: unknown) =>
          current && setState({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
      )
      .finally(off);
    return () => {
      current = false;
      off();
    };
  }, [view.dataUri, view.type]);

  const definition = viewRegistry[view.type];
  const parsed = useMemo(() => {
    if (state.status !== 'ready' || definition === undefined) return undefined;
    try {
      return { ok: true as const, data: definition.parse(state.data) };
    } catch (err) {
      return { ok: false as const, message: err instanceof Error ? err.message : String(err) };
    }
  }, [state, definition]);

  const box = { width, height, overflow: 'hidden' as const, position: 'relative' as const };
  if (definition === undefined) {
    return (
      <div style={box}>
        <StatusMessage kind="error">
          {retiredViews[view.type] ??
            `Unsupported view type ${JSON.stringify(view.type)}: this plugin draws ${Object.keys(viewRegistry).sort().join(', ')}`}
        </StatusMessage>
      </div>
    );
  }
  if (state.status === 'loading') {
    const { progress } = state;
    return (
      <div style={box}>
        <StatusMessage kind="loading">
          Loading {view.type}…
          {progress !== undefined && progress.total > 0
            ? ` ${formatBytes(progress.loaded)} of ${formatBytes(progress.total)}`
            : ''}
        </StatusMessage>
        {progress !== undefined && progress.total > 0 && (
          <progress className="sv-progress" max={progress.total} value={progress.loaded} />
        )}
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div style={box}>
        <StatusMessage kind="error">
          Could not load the {view.type} view: {state.message}
        </StatusMessage>
      </div>
    );
  }
  if (parsed === undefined || !parsed.ok) {
    return (
      <div style={box}>
        <StatusMessage kind="error">
          Invalid {view.type} data: {parsed?.message ?? 'unknown'}
        </StatusMessage>
      </div>
    );
  }
  const { Component } = definition;
  return (
    <div style={box} className="sv-view" data-view-type={view.type}>
      <Component data={parsed.data} width={width} height={height} />
    </div>
  );
});
