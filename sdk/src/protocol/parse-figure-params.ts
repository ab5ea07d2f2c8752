import { FigurlError } from '../errors/index.js';

export interface FigureParams {
  view: string;
  /** `d`, with inline JSON (`d={…}`) turned into a data: URI as figurl3 does. */
  dataUri: string | undefined;
  label: string | undefined;
  /** `s` as the JSON text it was given, and parsed. */
  stateText: string | undefined;
  state: Record<string, unknown> | undefined;
  zone: string | undefined;
  hide: boolean;
  /** An id chosen by an embedding page (`figureId=fig1`), else undefined. */
  figureId: string | undefined;
}

/**
 * Reads a figURL's query (`/f?v=&d=&label=&s=&zone=&hide=`). Old parameters (`project`, `sh`,
 * `dir`, `local`, `backend`) are accepted and ignored. Errors name the parameter and value.
 *
 * @example
 * parseFigureParams(new URLSearchParams('v=gs://figurl/vegalite-2&d=sha1://…&label=stocks'));
 */
export function parseFigureParams(query: URLSearchParams): FigureParams {
  const view = query.get('v') ?? '';
  if (view === '') {
    throw new FigurlError('INVALID_REQUEST', 'missing v: expected the plugin to show, e.g. v=gs://figurl/vegalite-2');
  }
  let dataUri = query.get('d') ?? undefined;
  if (dataUri === '') dataUri = undefined;
  if (dataUri?.trimStart().startsWith('{')) dataUri = inlineJsonDataUri(dataUri);
  const stateText = query.get('s') ?? undefined;
  const state = stateText === undefined || stateText === '' ? undefined : parseState(stateText);
  const figureId = query.get('figureId') ?? undefined;
  if (figureId !== undefined && !/^[A-Za-z0-9_-]{1,100}$/.test(figureId)) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid figureId ${JSON.stringify(figureId.slice(0, 100))}: expected 1-100 letters, digits, "_" or "-"`,
    );
  }
  return {
    view,
    dataUri,
    label: query.get('label') || undefined,
    stateText: state === undefined ? undefined : stateText,
    state,
    zone: query.get('zone') || undefined,
    hide: query.get('hide') === '1',
    figureId,
  };
}

function inlineJsonDataUri(text: string): string {
  try {
    JSON.parse(text);
  } catch (err) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid d: inline JSON does not parse (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:application/json;base64,${btoa(binary)}`;
}

function parseState(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FigurlError('INVALID_REQUEST', `invalid s ${JSON.stringify(text.slice(0, 120))}: expected a JSON object`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new FigurlError('INVALID_REQUEST', `invalid s ${JSON.stringify(text.slice(0, 120))}: expected a JSON object`);
  }
  return value as Record<string, unknown>;
}
