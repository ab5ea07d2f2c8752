import { useCallback, useMemo, useState } from 'react';
import { unitClickAction, useInitializeUnits, useUnitSelection } from '../../../context/unit-selection.js';
import type { UnitId } from '../../../data/unit-id.js';
import type { ViewProps } from '../../view-definition.js';
import { Toolbar, ToolbarStepper } from '../shared/toolbar.js';
import type { Modifiers } from '../shared/use-drag-select.js';
import { ViewMessage } from '../shared/view-message.js';
import { MetricHistogram, type MetricPoint } from './metric-histogram.js';
import { MetricScatter, type ScatterPoint } from './metric-scatter.js';
import { metricValue, type UnitMetricsGraphData } from './parse-unit-metrics-graph.js';

const binStep = 5;
const histogramSize = { width: 260, height: 170 };
const scatterSize = 340;

/**
 * Unit metrics: a histogram per metric and a scatter of two metrics chosen in the toolbar, over
 * the shown units. Every plot selects by click or drag and marks the shared selection.
 */
export function UnitMetricsGraphView({ data, width, height }: ViewProps<UnitMetricsGraphData>) {
  const unitIds = useMemo(() => data.units.map((u) => u.unitId), [data]);
  useInitializeUnits(unitIds);
  const { state, dispatch, isShown } = useUnitSelection();
  const shownUnits = useMemo(() => data.units.filter((u) => isShown(u.unitId)), [data, isShown]);
  // Metrics with at least one number: strings and the like have nothing to plot.
  const numericMetrics = useMemo(
    () => data.metrics.filter((m) => data.units.some((u) => metricValue(u, m.key) !== undefined)),
    [data],
  );
  const [binCount, setBinCount] = useState(10);
  const [xChoice, setXKey] = useState<string | undefined>(undefined);
  const [yChoice, setYKey] = useState<string | undefined>(undefined);
  const isMetric = (key: string | undefined) => numericMetrics.some((m) => m.key === key);
  const xKey = isMetric(xChoice) ? xChoice : numericMetrics[0]?.key;
  const yKey = isMetric(yChoice) ? yChoice : (numericMetrics[1]?.key ?? numericMetrics[0]?.key);

  const select = useCallback(
    (ids: UnitId[], modifiers: Modifiers) => {
      const additive = modifiers.ctrlKey || modifiers.metaKey || modifiers.shiftKey;
      dispatch({ type: 'SET_SELECTION', unitIds: additive ? [...state.selectedUnitIds, ...ids] : ids });
    },
    [state.selectedUnitIds, dispatch],
  );
  const clickUnit = useCallback(
    (unitId: UnitId, modifiers: Modifiers) => dispatch(unitClickAction(unitId, modifiers)),
    [dispatch],
  );

  const pointsByMetric = useMemo(() => {
    const byMetric = new Map<string, MetricPoint[]>();
    for (const m of numericMetrics) {
      const points: MetricPoint[] = [];
      for (const u of shownUnits) {
        const value = metricValue(u, m.key);
        if (value !== undefined) points.push({ unitId: u.unitId, value });
      }
      byMetric.set(m.key, points);
    }
    return byMetric;
  }, [numericMetrics, shownUnits]);
  const scatterPoints = useMemo(() => {
    if (xKey === undefined || yKey === undefined) return [];
    const points: ScatterPoint[] = [];
    for (const u of shownUnits) {
      const x = metricValue(u, xKey);
      const y = metricValue(u, yKey);
      if (x !== undefined && y !== undefined) points.push({ unitId: u.unitId, x, y });
    }
    return points;
  }, [shownUnits, xKey, yKey]);

  if (numericMetrics.length === 0 || data.units.length === 0) {
    return (
      <ViewMessage width={width} height={height}>
        This view has no numeric unit metrics to plot.
      </ViewMessage>
    );
  }

  const labelOf = (key: string | undefined) => numericMetrics.find((m) => m.key === key)?.label ?? '';
  const metricSelect = (label: string, value: string | undefined, onChange: (key: string) => void) => (
    <label style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      {label}
      <select value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {numericMetrics.map((m) => (
          <option key={m.key} value={m.key}>
            {m.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div style={{ width, height, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
      <Toolbar>
        <ToolbarStepper
          label={`Bins (${binCount})`}
          onDecrease={() => setBinCount((n) => Math.max(binStep, n - binStep))}
          onIncrease={() => setBinCount((n) => Math.min(100, n + binStep))}
        />
        {metricSelect('Scatter x', xKey, setXKey)}
        {metricSelect('y', yKey, setYKey)}
        <span style={{ color: '#777' }}>click or drag to select; ctrl/cmd adds</span>
      </Toolbar>
      <div
        style={{
          flex: '1 1 auto',
          minHeight: 0,
          overflow: 'auto',
          display: 'flex',
          flexWrap: 'wrap',
          alignContent: 'flex-start',
          gap: 8,
          padding: 6,
        }}
      >
        <MetricScatter
          points={scatterPoints}
          xLabel={labelOf(xKey)}
          yLabel={labelOf(yKey)}
          selectedUnitIds={state.selectedUnitIds}
          width={scatterSize}
          height={scatterSize}
          onClickUnit={clickUnit}
          onSelect={select}
        />
        {numericMetrics.map((m) => (
          <MetricHistogram
            key={m.key}
            label={m.label}
            points={pointsByMetric.get(m.key) ?? []}
            binCount={binCount}
            selectedUnitIds={state.selectedUnitIds}
            width={histogramSize.width}
            height={histogramSize.height}
            onSelect={select}
          />
        ))}
      </div>
    </div>
  );
}
