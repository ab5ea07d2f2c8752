import { useUnitSelection } from '../../../context/unit-selection.js';
import { unitColor } from '../../../data/unit-colors.js';
import { type UnitId, unitKey } from '../../../data/unit-id.js';

/**
 * A checkbox list of units (sortingview's SelectUnitsWidget): ticking toggles a unit in the
 * shared selection. Shows `selectedUnitIds` (the locked copy while locked) and is read-only then.
 */
export function UnitSelector({
  unitIds,
  selectedUnitIds,
  disabled,
  width,
}: {
  unitIds: readonly UnitId[];
  selectedUnitIds: ReadonlySet<string>;
  disabled: boolean;
  width: number;
}) {
  const { dispatch } = useUnitSelection();
  return (
    <div
      style={{
        width,
        flex: '0 0 auto',
        overflowY: 'auto',
        borderRight: '1px solid #ddd',
        font: '12px system-ui, sans-serif',
        padding: '4px 6px',
        boxSizing: 'border-box',
      }}
    >
      {unitIds.map((unitId) => (
        <label key={unitKey(unitId)} style={{ display: 'flex', alignItems: 'center', gap: 4, whiteSpace: 'nowrap' }}>
          <input
            type="checkbox"
            checked={selectedUnitIds.has(unitKey(unitId))}
            disabled={disabled}
            onChange={() => dispatch({ type: 'TOGGLE_UNIT', unitId })}
          />
          <span style={{ color: unitColor(unitId), fontWeight: 600 }}>Unit {unitKey(unitId)}</span>
        </label>
      ))}
    </div>
  );
}
