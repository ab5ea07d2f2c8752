import { FigurlError, quote } from '@figurl/sdk';

/** Where a page of figures ended: the last figure's creation time and id (list order). */
export interface FigureCursor {
  createdAt: Date;
  id: string;
}

/** An opaque `nextCursor`: base64url of `<createdAt ms>.<id>`. */
export function toFigureCursor(figure: { createdAt: string; id: string }): string {
  return Buffer.from(`${Date.parse(figure.createdAt)}.${figure.id}`).toString('base64url');
}

/** Reads a `cursor` made by `toFigureCursor`; INVALID_REQUEST for anything else. */
export function parseFigureCursor(cursor: string): FigureCursor {
  const match = /^([0-9]{1,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(
    Buffer.from(cursor, 'base64url').toString('latin1'),
  );
  if (!match) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid cursor ${quote(cursor)}: expected the nextCursor of a previous page`,
    );
  }
  return { createdAt: new Date(Number(match[1])), id: match[2] as string };
}
