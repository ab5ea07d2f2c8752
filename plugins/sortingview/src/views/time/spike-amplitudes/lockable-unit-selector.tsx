import type { MouseEvent } from 'react';
import { useUnitSelection } from '../../../context/unit-selection.js';
import { unitColor } from '../../../data/unit-colors.js';
import { type UnitId, unitKey } from '../../../data/unit-id.js';

/**
 * The unit list beside a view with a lockable selection (sortingview's LockableSelectUnitsWidget):
 * "lock selection" on top; below it a checkbox per unit that toggles it in the shared selection
 * (shift toggles the run from the last clicked unit). While locked the list shows the view's
 * kept selection and cannot change it.
 */
export function LockableUnitSelector({
  unitIds,
  selectedUnitIds,
  locked,
  setLocked,
  width,
  height,
}: {
  unitIds: readonly UnitId[];
  selectedUnitIds: ReadonlySet<string>;
  locked: boolean;
  setLocked: (locked: boolean) => void;
  width: number;
  height: number;
}) {
  const { dispatch } = useUnitSelection();
  const onClick = (unitId: UnitId) => (event: MouseEvent<HTMLInputElement>) =>
    dispatch(event.shiftKey ? { type: 'TOGGLE_RANGE', unitId } : { type: 'TOGGLE_UNIT', unitId });
  return (
    <div
      style={{
        width,
        height,
        boxSizing: 'border-box',
        padding: 4,
        fontSize: 12,
        borderRight: '1px solid #ddd',
        display: 'flex',
        flexDirection: 'column',
      }}
    >
      <label style={{ display: 'flex', alignItems: 'center', gap: 4, paddingBottom: 4 }}>
        <input type="checkbox" checked={locked} onChange={(event) => setLocked(event.target.checked)} />
        lock selection
      </label>
      <div style={{ overflowY: 'auto', flex: 1, opacity: locked ? 0.6 : 1 }}>
        {unitIds.map((unitId) => (
          <label key={unitKey(unitId)} style={{ display: 'flex', alignItems: 'center', gap: 4, lineHeight: '18px' }}>
            <input
              type="checkbox"
              disabled={locked}
              checked={selectedUnitIds.has(unitKey(unitId))}
              onClick={onClick(unitId)}
              readOnly
            />
            <span style={{ width: 10, height: 10, background: unitColor(unitId), display: 'inline-block' }} />
            {String(unitId)}
          </label>
        ))}
      </div>
    </div>
  );
}
