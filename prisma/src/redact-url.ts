/**
 * The database URL with its password masked, for log lines and error messages.
 *
 * @example
 * redactUrl('postgresql://postgres:secret@127.0.0.1:5432/figurl'); // 'postgresql://postgres:***@127.0.0.1:5432/figurl'
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable database URL)';
  }
}
