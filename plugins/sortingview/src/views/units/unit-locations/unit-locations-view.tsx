import { useCallback, useMemo, useState } from 'react';
import type { DrawFunction } from '../../../components/canvas.js';
import { useElectrodeSelection } from '../../../context/electrode-selection.js';
import { unitClickAction, useInitializeUnits, useUnitSelection } from '../../../context/unit-selection.js';
import { unitColor } from '../../../data/unit-colors.js';
import { unitKey } from '../../../data/unit-id.js';
import type { ViewProps } from '../../view-definition.js';
import type { Rect } from '../shared/drag-rect.js';
import { drawElectrodes } from '../shared/draw-electrodes.js';
import { itemsInRect, nearestWithin } from '../shared/pick.js';
import { computeProbeLayout } from '../shared/probe-layout.js';
import { SelectCanvas } from '../shared/select-canvas.js';
import { statusBarHeight } from '../shared/status-bar.js';
import { type Modifiers, useDragSelect } from '../shared/use-drag-select.js';
import { ViewMessage } from '../shared/view-message.js';
import type { UnitLocation, UnitLocationsData } from './parse-unit-locations.js';

const dotRadius = 6;

/**
 * Estimated unit positions over the probe. Click a unit to select it (ctrl/cmd toggles, shift a
 * range), drag a rectangle to select the units in it (ctrl/cmd adds), click empty space to
 * clear. Selected units are drawn last, on top. Wide probes turn to fit unless disabled.
 */
export function UnitLocationsView({ data, width, height }: ViewProps<UnitLocationsData>) {
  const unitIds = useMemo(() => data.units.map((u) => u.unitId), [data]);
  useInitializeUnits(unitIds);
  const { state, dispatch, isShown, isSelected } = useUnitSelection();
  const { selectedElectrodeIds } = useElectrodeSelection();
  const canvasHeight = height - statusBarHeight;
  const layout = useMemo(
    () =>
      computeProbeLayout(data.electrodes.length > 0 ? data.electrodes : data.units, {
        width,
        height: canvasHeight,
        margin: 14,
        autoRotate: !data.disableAutoRotate,
        extraPoints: data.units,
      }),
    [data, width, canvasHeight],
  );
  const position = useCallback((u: { x: number; y: number }) => layout.toPixel(u), [layout]);
  const shownUnits = useMemo(() => data.units.filter((u) => isShown(u.unitId)), [data, isShown]);
  // Selected units last: drawn on top, and picked first where dots overlap.
  const drawOrder = useMemo(
    () => [...shownUnits.filter((u) => !isSelected(u.unitId)), ...shownUnits.filter((u) => isSelected(u.unitId))],
    [shownUnits, isSelected],
  );
  const selectedElectrodeKeys = useMemo(() => new Set(selectedElectrodeIds.map(String)), [selectedElectrodeIds]);
  const [hovered, setHovered] = useState<UnitLocation | undefined>(undefined);

  const onClick = useCallback(
    (point: { x: number; y: number }, modifiers: Modifiers) => {
      const hit = nearestWithin(drawOrder, position, point.x, point.y, dotRadius + 3);
      if (hit !== undefined) dispatch(unitClickAction(hit.unitId, modifiers));
      else if (!modifiers.ctrlKey && !modifiers.metaKey && !modifiers.shiftKey) dispatch({ type: 'DESELECT_ALL' });
    },
    [drawOrder, position, dispatch],
  );
  const onSelectRect = useCallback(
    (rect: Rect, modifiers: Modifiers) => {
      const inside = itemsInRect(drawOrder, position, rect, dotRadius).map((u) => u.unitId);
      const keep = modifiers.ctrlKey || modifiers.metaKey || modifiers.shiftKey ? [...state.selectedUnitIds] : [];
      dispatch({ type: 'SET_SELECTION', unitIds: [...keep, ...inside] });
    },
    [drawOrder, position, state.selectedUnitIds, dispatch],
  );
  const { dragRect, handlers } = useDragSelect({ onClick, onSelectRect });

  const draw = useCallback<DrawFunction>(
    (ctx) => {
      drawElectrodes(ctx, data.electrodes, layout, { selectedKeys: selectedElectrodeKeys });
      for (const unit of drawOrder) {
        const [x, y] = layout.toPixel(unit);
        const selected = isSelected(unit.unitId);
        ctx.beginPath();
        ctx.arc(x, y, selected ? dotRadius + 1.5 : dotRadius, 0, 2 * Math.PI);
        ctx.fillStyle = unitColor(unit.unitId);
        ctx.globalAlpha = selected || state.selectedUnitIds.size === 0 ? 1 : 0.55;
        ctx.fill();
        ctx.globalAlpha = 1;
        ctx.lineWidth = selected ? 2 : 1;
        ctx.strokeStyle = selected ? '#000' : 'rgba(0, 0, 0, 0.35)';
        ctx.stroke();
      }
      if (hovered !== undefined) {
        const [x, y] = layout.toPixel(hovered);
        ctx.font = 'bold 11px system-ui, sans-serif';
        ctx.textAlign = 'left';
        ctx.textBaseline = 'bottom';
        ctx.fillStyle = '#000';
        ctx.fillText(unitKey(hovered.unitId), x + dotRadius + 2, y - 2);
      }
    },
    [data, layout, selectedElectrodeKeys, drawOrder, isSelected, state.selectedUnitIds, hovered],
  );

  const onHover = (point: { x: number; y: number } | undefined) => {
    const hit = point === undefined ? undefined : nearestWithin(drawOrder, position, point.x, point.y, dotRadius + 3);
    if (hit !== hovered) setHovered(hit);
  };

  if (data.units.length === 0) {
    return (
      <ViewMessage width={width} height={height}>
        This view has no unit locations.
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
          ? `Unit ${unitKey(hovered.unitId)} at (${hovered.x.toFixed(1)}, ${hovered.y.toFixed(1)})`
          : `Click a unit or drag a rectangle to select; ctrl/cmd adds${layout.rotated ? ' · probe rotated 90°' : ''}`
      }
    />
  );
}
