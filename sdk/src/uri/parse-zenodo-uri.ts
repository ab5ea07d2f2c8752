import { checkPath } from './check-path.js';
import { checkUriText } from './check-uri-text.js';
import type { ZenodoUri } from './figurl-uri.js';
import { invalidUri } from './invalid-uri.js';

const shape = 'zenodo://<record id>/<path>';
const recordIdPattern = /^[1-9][0-9]{0,19}$/;

/**
 * Parses `zenodo://<record id>/<path>` and `zenodo-sandbox://<record id>/<path>`, a file of a
 * published Zenodo record (kachery-cloud `_load_zenodo_file_from_cloud`, figurl3 data URIs).
 *
 * @example
 * parseZenodoUri('zenodo-sandbox://143439/figure.json');
 * // { kind: 'zenodo', sandbox: true, recordId: '143439', path: 'figure.json' }
 */
export function parseZenodoUri(input: unknown): ZenodoUri {
  const text = checkUriText(input);
  const sandbox = text.startsWith('zenodo-sandbox://');
  if (!sandbox && !text.startsWith('zenodo://')) {
    throw invalidUri(text, `a Zenodo URI of the form ${shape} or zenodo-sandbox://<record id>/<path>`);
  }
  const rest = text.slice(sandbox ? 'zenodo-sandbox://'.length : 'zenodo://'.length);
  const slash = rest.indexOf('/');
  if (slash < 0) throw invalidUri(text, `a Zenodo URI of the form ${shape} (the file path is missing)`);
  const recordId = rest.slice(0, slash);
  if (!recordIdPattern.test(recordId)) {
    throw invalidUri(text, `a numeric Zenodo record id without leading zeros, got ${JSON.stringify(recordId)}`);
  }
  const path = checkPath(text, rest.slice(slash + 1), { shape });
  return { kind: 'zenodo', sandbox, recordId, path };
}
