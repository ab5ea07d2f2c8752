import { useCallback, useMemo, useState } from 'react';
import type { DrawFunction } from '../../../components/canvas.js';
import { useElectrodeSelection } from '../../../context/electrode-selection.js';
import type { ViewProps } from '../../view-definition.js';
import type { Rect } from '../shared/drag-rect.js';
import { drawElectrodes } from '../shared/draw-electrodes.js';
import type { Electrode } from '../shared/electrodes.js';
import { itemsInRect, nearestWithin } from '../shared/pick.js';
import { computeProbeLayout } from '../shared/probe-layout.js';
import { SelectCanvas } from '../shared/select-canvas.js';
import { statusBarHeight } from '../shared/status-bar.js';
import { type Modifiers, useDragSelect } from '../shared/use-drag-select.js';
import { ViewMessage } from '../shared/view-message.js';
import type { ElectrodeGeometryData } from './parse-electrode-geometry.js';

const additive = (m: Modifiers) => m.ctrlKey || m.metaKey || m.shiftKey;

/**
 * The probe: one circle per channel at its location. Click selects a channel (ctrl/cmd/shift
 * toggles), dragging selects those in the rectangle, clicking empty space clears; the selection
 * is shared with every electrode view.
 */
export function ElectrodeGeometryView({ data, width, height }: ViewProps<ElectrodeGeometryData>) {
  const { selectedElectrodeIds, setSelectedElectrodeIds } = useElectrodeSelection();
  const canvasHeight = height - statusBarHeight;
  const layout = useMemo(
    () => computeProbeLayout(data.electrodes, { width, height: canvasHeight, maxRadius: 25 }),
    [data, width, canvasHeight],
  );
  const selectedKeys = useMemo(() => new Set(selectedElectrodeIds.map(String)), [selectedElectrodeIds]);
  const [hovered, setHovered] = useState<Electrode | undefined>(undefined);
  const position = useCallback((e: Electrode) => layout.toPixel(e), [layout]);
  const pickRadius = Math.max(4, layout.radius);

  const onClick = useCallback(
    (point: { x: number; y: number }, modifiers: Modifiers) => {
      const hit = nearestWithin(data.electrodes, position, point.x, point.y, pickRadius);
      if (hit === undefined) {
        if (!additive(modifiers)) setSelectedElectrodeIds([]);
        return;
      }
      const key = String(hit.id);
      if (!additive(modifiers)) setSelectedElectrodeIds([hit.id]);
      else if (selectedKeys.has(key)) setSelectedElectrodeIds(selectedElectrodeIds.filter((id) => String(id) !== key));
      else setSelectedElectrodeIds([...selectedElectrodeIds, hit.id]);
    },
    [data, position, pickRadius, selectedKeys, selectedElectrodeIds, setSelectedElectrodeIds],
  );
  const onSelectRect = useCallback(
    (rect: Rect, modifiers: Modifiers) => {
      const inside = itemsInRect(data.electrodes, position, rect, layout.radius).map((e) => e.id);
      const previous = additive(modifiers)
        ? selectedElectrodeIds.filter((id) => !inside.some((i) => String(i) === String(id)))
        : [];
      setSelectedElectrodeIds([...previous, ...inside]);
    },
    [data, position, layout, selectedElectrodeIds, setSelectedElectrodeIds],
  );
  const { dragRect, handlers } = useDragSelect({ onClick, onSelectRect });

  const draw = useCallback<DrawFunction>(
    (ctx) =>
      drawElectrodes(ctx, data.electrodes, layout, {
        selectedKeys,
        hoveredKey: hovered === undefined ? undefined : String(hovered.id),
        showLabels: true,
      }),
    [data, layout, selectedKeys, hovered],
  );

  const onHover = (point: { x: number; y: number } | undefined) => {
    const hit =
      point === undefined ? undefined : nearestWithin(data.electrodes, position, point.x, point.y, pickRadius);
    if (hit !== hovered) setHovered(hit);
  };

  if (data.electrodes.length === 0) {
    return (
      <ViewMessage width={width} height={height}>
        This probe has no channel locations.
      </ViewMessage>
    );
  }

  return (
    <SelectCanvas
      width={width}
      height={height}
      draw={draw}
      dragRect={dragRect}
      handlers={handlers}
      onHover={onHover}
      status={
        hovered !== undefined
          ? `Channel ${String(hovered.id)} at (${hovered.x}, ${hovered.y})`
          : `${data.electrodes.length} channels, ${selectedElectrodeIds.length} selected${layout.rotated ? ' (rotated 90°)' : ''} · click or drag to select; ctrl/cmd/shift adds`
      }
    />
  );
}
