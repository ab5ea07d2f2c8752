/**
 * Parses URL state `s` however a shell encoded it: raw JSON, or JSON URL-encoded once more
 * (figurl3 sends `initializeFigure.s` encoded; plugin libraries disagreed on how many times to
 * decode, protocol §2.6). Returns undefined, with a warning, when it is not a JSON object.
 *
 * @example
 * parseUrlState('%7B%22section%22%3A%22intro%22%7D'); // { section: 'intro' }
 */
export function parseUrlState(text: string): Record<string, unknown> | undefined {
  for (const candidate of [text, safeDecode(text)]) {
    if (candidate === undefined) continue;
    try {
      const value: unknown = JSON.parse(candidate);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        return value as Record<string, unknown>;
      }
    } catch {
      // Try the decoded form next.
    }
  }
  console.warn(`figurl: ignoring URL state ${JSON.stringify(text.slice(0, 120))}: expected a JSON object`);
  return undefined;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
