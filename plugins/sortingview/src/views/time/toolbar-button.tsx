import type { ReactNode } from 'react';

/** A small toolbar button of the time views; `title` is its tooltip and accessible name. */
export function ToolbarButton({
  title,
  onClick,
  children,
  pressed,
}: {
  title: string;
  onClick: () => void;
  children: ReactNode;
  pressed?: boolean;
}) {
  return (
    <button
      type="button"
      title={title}
      aria-label={title}
      aria-pressed={pressed}
      onClick={onClick}
      style={{
        minWidth: 24,
        height: 22,
        padding: '0 6px',
        fontSize: 12,
        lineHeight: '20px',
        border: '1px solid #bbb',
        borderRadius: 3,
        background: pressed ? '#dde8f5' : '#fafafa',
        cursor: 'pointer',
      }}
    >
      {children}
    </button>
  );
}
