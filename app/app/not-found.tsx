import { ErrorPanel } from '../components/error-panel';

/** Any address the shell does not know. */
export default function NotFound() {
  return (
    <ErrorPanel
      kind="not-found"
      title="Page not found"
      message="There is no page at this address on this figurl shell."
      advice={
        <p style={{ margin: 0 }}>
          A figure link looks like <code>/f?v=…&amp;d=…</code>: check that the whole link was copied.
        </p>
      }
    />
  );
}
