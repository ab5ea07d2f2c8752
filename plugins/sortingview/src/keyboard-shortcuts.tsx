import { useEffect } from 'react';
import { useCuration } from './context/curation.js';
import { useUnitSelection } from './context/unit-selection.js';
import { selectedUnitIdList } from './views/core/selected-unit-ids.js';

/** Whether a key event belongs to a text field (typing a URI must not label units). */
function inTextField(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (element === null || typeof element.tagName !== 'string') return false;
  const tag = element.tagName.toLowerCase();
  return (
    tag === 'textarea' ||
    tag === 'select' ||
    element.isContentEditable ||
    (tag === 'input' && (element as HTMLInputElement).type === 'text')
  );
}

/**
 * sortingview's global keys (2024-04, for #216): Shift+1…Shift+0 toggle label choice 1–10 on the
 * selected units; Shift+↓/↑ move a single selection to the next/previous unit in table order.
 * Digits are matched by key position (`Digit1`…), so any keyboard layout works.
 */
export function KeyboardShortcuts() {
  const curation = useCuration();
  const { state, dispatch } = useUnitSelection();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.shiftKey || event.ctrlKey || event.metaKey || event.altKey || inTextField(event.target)) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        dispatch({ type: event.key === 'ArrowDown' ? 'UNIQUE_SELECT_NEXT' : 'UNIQUE_SELECT_PREVIOUS' });
        return;
      }
      const digit = /^Digit(\d)$/.exec(event.code)?.[1];
      if (digit === undefined || curation === undefined || !curation.canEdit) return;
      const label = curation.labelChoices[(Number(digit) + 9) % 10];
      const selected = selectedUnitIdList(state);
      if (label === undefined || selected.length === 0) return;
      event.preventDefault();
      curation.dispatch({ type: 'TOGGLE_UNIT_LABEL', unitId: selected, label });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [curation, state, dispatch]);
  return null;
}
