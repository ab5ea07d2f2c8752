import type { ReactNode } from 'react';

export interface ErrorPanelProps {
  /** What happened, in a few words: "Data not found". */
  title: string;
  /** The details: which value, what was expected. */
  message: string;
  /** What the reader can do about it. */
  advice?: ReactNode;
  /** A machine-readable kind for tests and styling: `unknown-plugin`, `hash-mismatch`, … */
  kind: string;
}

/**
 * The one way the shell says something went wrong: what happened, the details, and what to do.
 * Used by the error pages and in place of a figure that cannot be shown.
 */
export function ErrorPanel({ title, message, advice, kind }: ErrorPanelProps) {
  return (
    <section
      role="alert"
      data-figurl-error={kind}
      style={{ maxWidth: 720, margin: '12vh auto', padding: '0 24px', lineHeight: 1.5 }}
    >
      <h1 style={{ fontSize: 24, margin: '0 0 8px' }}>{title}</h1>
      <p style={{ color: 'var(--muted)', wordBreak: 'break-word', margin: '0 0 16px' }}>{message}</p>
      {advice === undefined ? null : <div>{advice}</div>}
      <p style={{ marginTop: 24 }}>
        <a href="/">figurl home</a>
      </p>
    </section>
  );
}
