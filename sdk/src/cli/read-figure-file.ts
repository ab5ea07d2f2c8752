import { readFile } from 'node:fs/promises';
import { type CanonicalJsonValue, parseJsonPreservingNumbers } from '../canonical-json/index.js';
import { FigurlError, isFigurlError, quote } from '../errors/index.js';

/**
 * A figure's input file as text: UTF-8, a leading byte order mark dropped. Errors are one line
 * naming the file: missing, a directory, not UTF-8.
 *
 * @example
 * const source = await readFigureText('notes.md');
 */
export async function readFigureText(path: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FigurlError('NOT_FOUND', `cannot read ${quote(path)}: no such file`);
    if (code === 'EISDIR') {
      throw new FigurlError('INVALID_REQUEST', `cannot read ${quote(path)}: expected a file, not a directory`);
    }
    throw err;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new FigurlError('INVALID_REQUEST', `cannot read ${quote(path)}: expected UTF-8 text`);
  }
}

/**
 * A figure's JSON input file, numbers kept as written (1.0 stays a float, as Python reads it).
 * Invalid JSON is one line naming the file and where it goes wrong:
 * `invalid JSON in "spec.json": … at position 8 (line 1, column 9); expected a JSON document (RFC 8259)`.
 *
 * @example
 * const spec = await readFigureJson('spec.json');
 */
export async function readFigureJson(path: string): Promise<CanonicalJsonValue> {
  const text = await readFigureText(path);
  try {
    return parseJsonPreservingNumbers(text);
  } catch (err) {
    if (!isFigurlError(err)) throw err;
    const message = err.message
      .replace(/^invalid JSON:? ?/, `invalid JSON in ${quote(path)}: `)
      .replace(/at position (\d+)/, (found, at: string) => `${found} (${lineAndColumn(text, Number(at))})`);
    throw new FigurlError(err.code, message);
  }
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`;
}
