import { StatusMessage } from '@figurl/plugin-interface';
import { useEffect, useMemo, useRef, useState } from 'react';
import { fitSpecToWindow } from './fit-spec-to-window.js';
import { loadVegaRenderer } from './load-vega-renderer.js';

/** One chart: draws `spec` once vega has loaded, and tears it down when the spec changes. */
export function VegaLiteChart({ spec, actions }: { spec: Record<string, unknown>; actions: boolean }) {
  const element = useRef<HTMLDivElement>(null);
  const fitted = useMemo(() => fitSpecToWindow(spec), [spec]);
  const [phase, setPhase] = useState<{ status: 'drawing' | 'drawn' } | { status: 'error'; message: string }>({
    status: 'drawing',
  });
  useEffect(() => {
    let current = true;
    let chart: { finalize(): void } | undefined;
    setPhase({ status: 'drawing' });
    loadVegaRenderer()
      .then(({ renderVega }) => {
        if (!current || element.current === null) return undefined;
        return renderVega(element.current, fitted, { actions });
      })
      .then((rendered) => {
        if (rendered === undefined) return;
        if (!current) {
          rendered.finalize();
          return;
        }
        chart = rendered;
        setPhase({ status: 'drawn' });
      })
      .catch((err: unknown) => {
        if (current) setPhase({ status: 'error', message: err instanceof Error ? err.message : String(err) });
      });
    return () => {
      current = false;
      chart?.finalize();
    };
  }, [fitted, actions]);
  return (
    <>
      {phase.status === 'drawing' && <StatusMessage kind="loading">Drawing the chart…</StatusMessage>}
      {phase.status === 'error' && (
        <StatusMessage kind="error">Could not draw the chart: {phase.message}</StatusMessage>
      )}
      <div ref={element} className="chart" hidden={phase.status !== 'drawn'} data-testid="vegalite-chart" />
    </>
  );
}
