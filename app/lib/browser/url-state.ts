/**
 * The figURL with `s` replaced by `state`, every other parameter kept exactly as written (old
 * links carry `v` and `d` unencoded). The JSON is percent-encoded except the characters that are
 * safe in a query, so the address bar stays readable: `s={"unit":3}` becomes `s={%22unit%22:3}`.
 */
export function urlWithState(href: string, state: Record<string, unknown>): string {
  const url = new URL(href);
  const kept = url.search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '' && !part.startsWith('s='));
  const encoded = encodeURIComponent(JSON.stringify(state)).replace(/%(7B|7D|5B|5D|3A|2C)/g, (sequence) =>
    decodeURIComponent(sequence),
  );
  kept.push(`s=${encoded}`);
  return `${url.pathname}?${kept.join('&')}${url.hash}`;
}

/** `s` of a query string as an object; undefined when absent or not a JSON object. */
export function readUrlState(search: string): Record<string, unknown> | undefined {
  const text = new URLSearchParams(search).get('s');
  if (text === null || text === '') return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
