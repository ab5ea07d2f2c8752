import type { ErrorCode } from '@figurl/sdk';
import { ErrorPanel } from './error-panel';

export interface ShownError {
  code: ErrorCode;
  message: string;
}

/** A figure that cannot be shown, said plainly: what happened and what to do. */
export function FigureError({ error, zoneUrl }: { error: ShownError; zoneUrl: string }) {
  switch (error.code) {
    case 'HASH_MISMATCH':
      return (
        <ErrorPanel
          kind="hash-mismatch"
          title="The data does not match its hash"
          message={error.message}
          advice={
            <p>
              The bytes this page received are not the ones the link names, so the figure was not shown. The copy may be
              damaged or was tampered with on the way. Reload to try again; if it persists, tell the figure's author.
            </p>
          }
        />
      );
    case 'NOT_FOUND':
      return (
        <ErrorPanel
          kind="data-not-found"
          title="Data not found"
          message={error.message}
          advice={
            <p>
              The zone at <code>{zoneUrl}</code> does not hold this figure's data. It may have expired or been deleted,
              or it lives in another zone: open the link on the figurl site it was made for, or ask its author to store
              the data again (<code>figurl store</code>).
            </p>
          }
        />
      );
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
      return (
        <ErrorPanel
          kind="private-figure"
          title="This figure is private"
          message={error.message}
          advice={
            <p>
              Only its owner and the people they allowed may see it. <a href="/sign-in">Sign in</a> with such an
              account, or ask the owner for access.
            </p>
          }
        />
      );
    default:
      return (
        <ErrorPanel
          kind="figure-error"
          title="The figure could not be shown"
          message={error.message}
          advice={<p>Reload to try again. If the problem stays, the link or its plugin may be broken.</p>}
        />
      );
  }
}
