import { StatusMessage } from '@figurl/plugin-interface';
import { useEffect, useRef, useState } from 'react';
import { loadPlotly } from './load-plotly.js';
import type { PlotlyData } from './parse-plotly-data.js';

/** One chart filling the window; plotly's `responsive` config follows window resizes. */
export function PlotlyChart({ data }: { data: PlotlyData }) {
  const element = useRef<HTMLDivElement>(null);
  const [phase, setPhase] = useState<{ status: 'drawing' | 'drawn' } | { status: 'error'; message: string }>({
    status: 'drawing',
  });
  useEffect(() => {
    let current = true;
    const target = element.current;
    setPhase({ status: 'drawing' });
    loadPlotly()
      .then(async (Plotly) => {
        if (!current || target === null) return;
        await Plotly.newPlot(
          target,
          data.traces,
          { autosize: true, ...data.layout },
          {
            responsive: true,
            displaylogo: false,
          },
        );
        if (current) setPhase({ status: 'drawn' });
      })
      .catch((err: unknown) => {
        if (current) setPhase({ status: 'error', message: err instanceof Error ? err.message : String(err) });
      });
    return () => {
      current = false;
      if (target !== null) void loadPlotly().then((Plotly) => Plotly.purge(target));
    };
  }, [data]);
  return (
    <>
      {phase.status === 'drawing' && <StatusMessage kind="loading">Drawing the chart…</StatusMessage>}
      {phase.status === 'error' && (
        <StatusMessage kind="error">Could not draw the chart: {phase.message}</StatusMessage>
      )}
      <div ref={element} className="chart" data-testid="plotly-chart" data-drawn={phase.status === 'drawn'} />
    </>
  );
}
