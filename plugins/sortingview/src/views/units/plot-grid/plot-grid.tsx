import { type MouseEvent, type ReactNode, useState } from 'react';
import { unitClickAction, useUnitSelection } from '../../../context/unit-selection.js';
import { unitColor } from '../../../data/unit-colors.js';
import { type UnitId, unitKey } from '../../../data/unit-id.js';
import { unitSelectionColors } from '../shared/selection-colors.js';
import { useVisibleKeys } from './use-visible-keys.js';

const labelHeight = 16;
const padding = 4;

export interface PlotGridProps {
  /** The boxes, in order (see `gridUnits`). */
  unitIds: readonly UnitId[];
  /** The plot area of one box, without its label. */
  plotSize: { width: number; height: number };
  renderPlot(unitId: UnitId, size: { width: number; height: number }): ReactNode;
}

/**
 * One box per unit in a wrapping, scrolling grid: the unit id in the unit's colour above the
 * plot, selected boxes highlighted, click selects (ctrl/cmd toggles, shift a range). Only boxes
 * near the viewport draw their plot. Fills the rest of its flex column.
 */
export function PlotGrid({ unitIds, plotSize, renderPlot }: PlotGridProps) {
  const { dispatch, isSelected } = useUnitSelection();
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const { visibleKeys, observe } = useVisibleKeys(root);

  const select = (unitId: UnitId, event: MouseEvent) => dispatch(unitClickAction(unitId, event));

  return (
    <div
      ref={setRoot}
      style={{
        flex: '1 1 auto',
        minHeight: 0,
        overflowY: 'auto',
        display: 'flex',
        flexWrap: 'wrap',
        alignContent: 'flex-start',
        gap: 4,
        padding: 4,
        boxSizing: 'border-box',
      }}
    >
      {unitIds.map((unitId) => {
        const key = unitKey(unitId);
        const selected = isSelected(unitId);
        return (
          <button
            type="button"
            key={key}
            ref={observe}
            data-plot-key={key}
            aria-pressed={selected}
            onClick={(event) => select(unitId, event)}
            style={{
              display: 'block',
              textAlign: 'left',
              font: 'inherit',
              color: 'inherit',
              width: plotSize.width + 2 * padding,
              height: plotSize.height + labelHeight + 2 * padding,
              padding,
              boxSizing: 'border-box',
              border: `1px solid ${selected ? unitSelectionColors.border : '#e4e4e4'}`,
              background: selected ? unitSelectionColors.background : '#fff',
              borderRadius: 3,
              cursor: 'pointer',
              userSelect: 'none',
              overflow: 'hidden',
            }}
          >
            <span
              style={{
                display: 'block',
                height: labelHeight,
                font: 'bold 12px system-ui, sans-serif',
                color: unitColor(unitId),
                whiteSpace: 'nowrap',
                overflow: 'hidden',
                textOverflow: 'ellipsis',
              }}
            >
              Unit {key}
            </span>
            {visibleKeys.has(key) ? renderPlot(unitId, plotSize) : null}
          </button>
        );
      })}
    </div>
  );
}
