import { useUrlState } from '@figurl/plugin-interface';
import { useState } from 'react';
import { useCuration } from '../../context/curation.js';
import { useUnitSelection } from '../../context/unit-selection.js';
import { defineView, type ViewProps } from '../view-definition.js';

/**
 * sortingview's SortingSelection: select units by label (or `not:label`), clear the selection,
 * restrict every view to the selected units, and save the selection in the URL state
 * (`selectedUnitIds`, `visibleUnitIds`), which is applied again when the figure opens.
 */
function SortingSelectionView({ width, height }: ViewProps<Record<string, never>>) {
  const { state, dispatch } = useUnitSelection();
  const curation = useCuration();
  const [, setUrlState] = useUrlState();
  const [choice, setChoice] = useState('');
  const labels = curation?.labelChoices ?? [];
  const options = labels.flatMap((label) => [label, `not:${label}`]);
  const selectByLabel = (spec: string) => {
    const negate = spec.startsWith('not:');
    const label = negate ? spec.slice(4) : spec;
    const labelsByUnit = curation?.curation.labelsByUnit ?? {};
    const ids = state.orderedUnitIds.filter((id) => (labelsByUnit[String(id)]?.includes(label) === true) !== negate);
    dispatch({ type: 'SET_SELECTION', unitIds: ids });
  };
  const restricted = state.restrictedUnitIds !== undefined;
  return (
    <div className="sv-selection" style={{ width, height, overflowY: 'auto' }}>
      <div>
        <select value={choice} onChange={(event) => setChoice(event.target.value)} aria-label="Label to select by">
          <option value="">Select units with label…</option>
          {options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>{' '}
        <button type="button" disabled={choice === ''} onClick={() => selectByLabel(choice)}>
          Select
        </button>
      </div>
      <div className="sv-buttons">
        <button type="button" onClick={() => dispatch({ type: 'DESELECT_ALL' })}>
          Clear selection
        </button>
        <button
          type="button"
          onClick={() =>
            dispatch({ type: 'SET_RESTRICTED_UNITS', unitIds: restricted ? undefined : [...state.selectedUnitIds] })
          }
          disabled={!restricted && state.selectedUnitIds.size === 0}
        >
          {restricted ? 'Remove restriction' : 'Restrict to selected units'}
        </button>
        <button
          type="button"
          onClick={() =>
            setUrlState((previous) => ({
              ...previous,
              selectedUnitIds: [...state.selectedUnitIds],
              visibleUnitIds: state.restrictedUnitIds === undefined ? undefined : [...state.restrictedUnitIds],
            }))
          }
        >
          Save selection
        </button>
      </div>
      <div className="sv-hint">
        {state.selectedUnitIds.size} selected
        {restricted ? ` · views restricted to ${state.restrictedUnitIds?.size} units` : ''}
      </div>
    </div>
  );
}

export const sortingSelectionView = defineView((raw: unknown) => {
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new Error('invalid SortingSelection data: expected an object');
  }
  return {} as Record<string, never>;
}, SortingSelectionView);
