import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useInitializeUnits, useUnitSelection } from '../../../context/unit-selection.js';
import { unitColor } from '../../../data/unit-colors.js';
import { type UnitId, unitKey } from '../../../data/unit-id.js';
import type { ViewProps } from '../../view-definition.js';
import { PlotGridView } from '../plot-grid/plot-grid-view.js';
import { ToolbarCheckbox, ToolbarStepper } from '../shared/toolbar.js';
import type { WaveformTrace } from './draw-waveforms.js';
import type { AverageWaveformsData } from './parse-average-waveforms.js';
import { WaveformBox, type WaveformBoxOptions } from './waveform-box.js';
import { channelMeans, peakAmplitude, subtractChannelMeans } from './waveform-math.js';

const amplitudeStep = 1.3;
const stretchStep = 1.1;

/**
 * Average waveforms, one box per unit in the shared order (or the selected units overlaid in
 * one box). Amplitude: toolbar or shift + wheel; horizontal stretch: toolbar or alt + wheel.
 */
export function AverageWaveformsView({ data, width, height }: ViewProps<AverageWaveformsData>) {
  const unitIds = useMemo(() => data.averageWaveforms.map((aw) => aw.unitId), [data]);
  useInitializeUnits(unitIds);
  const { isSelected } = useUnitSelection();

  const locations = useMemo(
    () => (data.electrodes === undefined ? undefined : new Map(data.electrodes.map((e) => [String(e.id), e]))),
    [data],
  );
  const prepared = useMemo(() => {
    const byUnit = new Map<string, Omit<WaveformTrace, 'color'>>();
    for (const aw of data.averageWaveforms) {
      const means = channelMeans(aw.waveform);
      byUnit.set(unitKey(aw.unitId), {
        channelIds: aw.channelIds,
        waveform: subtractChannelMeans(aw.waveform, means),
        stdDev: aw.waveformStdDev,
        percentiles: aw.waveformPercentiles?.map((p) => subtractChannelMeans(p, means)),
      });
    }
    return byUnit;
  }, [data]);
  const peak = useMemo(() => peakAmplitude([...prepared.values()].map((p) => p.waveform)), [prepared]);
  const hasSpread = useMemo(
    () => data.averageWaveforms.some((aw) => aw.waveformStdDev !== undefined || aw.waveformPercentiles !== undefined),
    [data],
  );

  const [amplitude, setAmplitude] = useState(1);
  const [stretch, setStretch] = useState(1);
  const [geometry, setGeometry] = useState(true);
  const [showElectrodes, setShowElectrodes] = useState(false);
  const [showChannelIds, setShowChannelIds] = useState(false);
  const [showSpread, setShowSpread] = useState(true);
  const [showReferenceProbe, setShowReferenceProbe] = useState(data.showReferenceProbe);
  const [overlapping, setOverlapping] = useState(false);
  const [useUnitColors, setUseUnitColors] = useState(true);

  const options = useMemo<WaveformBoxOptions>(
    () => ({
      geometry: geometry && locations !== undefined,
      amplitudeScale: amplitude / peak,
      stretch,
      showSpread,
      showElectrodes,
      showChannelIds,
      showReferenceProbe,
    }),
    [geometry, locations, amplitude, peak, stretch, showSpread, showElectrodes, showChannelIds, showReferenceProbe],
  );
  // One stable single-trace list per unit, so boxes redraw only when what they draw changes.
  const tracesByUnit = useMemo(() => {
    const byUnit = new Map<string, WaveformTrace[]>();
    for (const aw of data.averageWaveforms) {
      const p = prepared.get(unitKey(aw.unitId));
      if (p !== undefined)
        byUnit.set(unitKey(aw.unitId), [{ ...p, color: useUnitColors ? unitColor(aw.unitId) : '#222' }]);
    }
    return byUnit;
  }, [data, prepared, useUnitColors]);
  const traceOf = useCallback((unitId: UnitId) => tracesByUnit.get(unitKey(unitId))?.[0], [tracesByUnit]);

  const renderPlot = useCallback(
    (unitId: UnitId, size: { width: number; height: number }) => {
      const traces = tracesByUnit.get(unitKey(unitId));
      if (traces === undefined) return null;
      return (
        <WaveformBox
          traces={traces}
          width={size.width}
          height={size.height}
          locations={locations}
          electrodes={data.electrodes}
          options={options}
        />
      );
    },
    [tracesByUnit, locations, data, options],
  );
  const renderCombined = useCallback(
    (shown: readonly UnitId[], size: { width: number; height: number }) => {
      const traces = shown
        .filter(isSelected)
        .map(traceOf)
        .filter((t): t is WaveformTrace => t !== undefined);
      if (traces.length === 0) {
        return (
          <p style={{ margin: 12, color: '#666', font: '13px system-ui' }}>Select units to overlay their waveforms.</p>
        );
      }
      return (
        <div style={{ padding: 4 }}>
          <div style={{ font: '12px system-ui, sans-serif', color: '#555', marginBottom: 2 }}>
            Overlaid: {traces.length === 1 ? 'unit' : 'units'} {shown.filter(isSelected).map(unitKey).join(', ')}
          </div>
          <WaveformBox
            traces={traces}
            width={Math.round(size.width * 1.6)}
            height={Math.round(size.height * 1.6)}
            locations={locations}
            electrodes={data.electrodes}
            options={{ ...options, showSpread: false }}
          />
        </div>
      );
    },
    [isSelected, traceOf, locations, data, options],
  );

  // Shift + wheel scales amplitude, alt + wheel stretches time; the page must not scroll then.
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const onWheel = (event: WheelEvent) => {
      if (event.shiftKey === event.altKey) return;
      event.preventDefault();
      const up = event.deltaY < 0;
      if (event.shiftKey) setAmplitude((a) => (up ? a * amplitudeStep : a / amplitudeStep));
      else setStretch((s) => (up ? s * stretchStep : s / stretchStep));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  const samples = data.averageWaveforms[0]?.waveform.cols ?? 0;
  const info = [
    data.samplingFrequency !== undefined && samples > 0
      ? `${((samples / data.samplingFrequency) * 1000).toFixed(2)} ms window`
      : undefined,
    data.noiseLevel !== undefined ? `noise level ${data.noiseLevel.toPrecision(3)}` : undefined,
  ].filter((text) => text !== undefined);

  const toolbar = (
    <>
      <ToolbarStepper
        label="Amplitude"
        onDecrease={() => setAmplitude((a) => a / amplitudeStep)}
        onIncrease={() => setAmplitude((a) => a * amplitudeStep)}
        onReset={() => setAmplitude(1)}
      />
      <ToolbarStepper
        label="Stretch"
        onDecrease={() => setStretch((s) => s / stretchStep)}
        onIncrease={() => setStretch((s) => s * stretchStep)}
        onReset={() => setStretch(1)}
      />
      {locations !== undefined && <ToolbarCheckbox label="Geometry layout" checked={geometry} onChange={setGeometry} />}
      <ToolbarCheckbox label="Show electrodes" checked={showElectrodes} onChange={setShowElectrodes} />
      <ToolbarCheckbox label="Channel IDs" checked={showChannelIds} onChange={setShowChannelIds} />
      {hasSpread && (
        <ToolbarCheckbox
          label="Spread shading"
          title="Standard deviation or percentile bands around each mean waveform"
          checked={showSpread}
          onChange={setShowSpread}
        />
      )}
      {data.electrodes !== undefined && (
        <ToolbarCheckbox label="Reference probe" checked={showReferenceProbe} onChange={setShowReferenceProbe} />
      )}
      <ToolbarCheckbox
        label="Show overlapping"
        title="Overlay the selected units in one box"
        checked={overlapping}
        onChange={setOverlapping}
      />
      <ToolbarCheckbox label="Unit colors" checked={useUnitColors} onChange={setUseUnitColors} />
      {info.length > 0 && <span style={{ color: '#777' }}>{info.join(' · ')}</span>}
    </>
  );

  return (
    <div ref={container}>
      <PlotGridView
        width={width}
        height={height}
        unitIds={unitIds}
        basePlotSize={{ width: 160, height: 200 }}
        renderPlot={renderPlot}
        renderCombined={overlapping ? renderCombined : undefined}
        toolbar={toolbar}
      />
    </div>
  );
}
