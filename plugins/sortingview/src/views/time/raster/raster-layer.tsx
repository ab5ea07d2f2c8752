import { useEffect, useRef } from 'react';
import type { NumericVector } from '../../../data/arrays.js';
import type { UnitId } from '../../../data/unit-id.js';
import type { TimeFrame } from '../time-frame.js';
import { packRasterData } from './pack-raster-data.js';
import { createRasterRenderer, type RasterRenderer } from './raster-renderer.js';
import { getRasterStats, recordRasterData, recordRasterFrame } from './raster-stats.js';

/**
 * The raster's data layer: a host for the renderer's canvas. The spikes go to the renderer once
 * per `plots`; afterwards only the frame spec (window, size, rows, selection, hover) does.
 */
export function RasterLayer({
  frame,
  plots,
  durationSec,
  rows,
  selected,
  hovered,
}: {
  frame: TimeFrame;
  plots: readonly { unitId: UnitId; spikeTimesSec: NumericVector }[];
  durationSec: number;
  rows: Int32Array;
  selected: Uint8Array;
  hovered: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const renderer = useRef<RasterRenderer | undefined>(undefined);
  const seq = useRef(0);

  useEffect(() => {
    if (host.current === null) return;
    getRasterStats();
    const created = createRasterRenderer(host.current, ({ ms }) => recordRasterFrame(ms));
    renderer.current = created;
    return () => {
      created.dispose();
      renderer.current = undefined;
    };
  }, []);

  useEffect(() => {
    recordRasterData();
    renderer.current?.setData(() => packRasterData(plots, durationSec));
  }, [plots, durationSec]);

  useEffect(() => {
    seq.current += 1;
    renderer.current?.setSpec({
      width: frame.width,
      height: frame.height,
      dpr: window.devicePixelRatio || 1,
      margins: frame.margins,
      startSec: frame.startSec,
      endSec: frame.endSec,
      rows,
      selected,
      hovered,
      seq: seq.current,
    });
  }, [frame, rows, selected, hovered]);

  return <div ref={host} style={{ position: 'absolute', left: 0, top: 0, width: frame.width, height: frame.height }} />;
}
