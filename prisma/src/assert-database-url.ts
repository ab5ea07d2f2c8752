import { FigurlError } from '@figurl/sdk';
import { redactUrl } from './redact-url.js';

/**
 * Throws `INVALID_REQUEST` unless `url` is a PostgreSQL connection URL; the message shows the
 * URL with its password redacted.
 *
 * @example
 * assertDatabaseUrl('postgresql://postgres@127.0.0.1:5432/test');
 */
export function assertDatabaseUrl(url: string): void {
  if (!/^postgres(ql)?:\/\/./.test(url)) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid database URL ${JSON.stringify(redactUrl(url))}: expected postgresql://…`,
    );
  }
}
