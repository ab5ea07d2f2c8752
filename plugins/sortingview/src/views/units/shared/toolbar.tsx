import type { ReactNode } from 'react';

const barStyle = {
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  gap: '4px 10px',
  padding: '3px 6px',
  borderBottom: '1px solid #ddd',
  background: '#fafafa',
  font: '12px system-ui, sans-serif',
  color: '#333',
  flex: '0 0 auto',
} as const;

/** A view's control strip: a wrapping row of buttons and checkboxes above the plot. */
export function Toolbar({ children }: { children: ReactNode }) {
  return (
    <div role="toolbar" style={barStyle}>
      {children}
    </div>
  );
}

const buttonStyle = {
  minWidth: 24,
  height: 22,
  padding: '0 6px',
  border: '1px solid #bbb',
  borderRadius: 3,
  background: '#fff',
  font: 'inherit',
  cursor: 'pointer',
} as const;

export function ToolbarButton({
  title,
  onClick,
  disabled,
  children,
}: {
  title: string;
  onClick(): void;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <button type="button" title={title} aria-label={title} onClick={onClick} disabled={disabled} style={buttonStyle}>
      {children}
    </button>
  );
}

export function ToolbarCheckbox({
  label,
  checked,
  onChange,
  disabled,
  title,
}: {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  disabled?: boolean;
  title?: string;
}) {
  return (
    <label title={title} style={{ display: 'inline-flex', alignItems: 'center', gap: 3, whiteSpace: 'nowrap' }}>
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      {label}
    </label>
  );
}

/** A labelled pair of − / + buttons (box size, amplitude, stretch). */
export function ToolbarStepper({
  label,
  onDecrease,
  onIncrease,
  onReset,
}: {
  label: string;
  onDecrease(): void;
  onIncrease(): void;
  onReset?: () => void;
}) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 2 }}>
      <span style={{ marginRight: 2 }}>{label}</span>
      <ToolbarButton title={`Decrease ${label.toLowerCase()}`} onClick={onDecrease}>
        −
      </ToolbarButton>
      {onReset !== undefined && (
        <ToolbarButton title={`Reset ${label.toLowerCase()}`} onClick={onReset}>
          1×
        </ToolbarButton>
      )}
      <ToolbarButton title={`Increase ${label.toLowerCase()}`} onClick={onIncrease}>
        +
      </ToolbarButton>
    </span>
  );
}
