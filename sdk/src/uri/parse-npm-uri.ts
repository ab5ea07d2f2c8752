import { checkPath } from './check-path.js';
import { checkUriText } from './check-uri-text.js';
import type { NpmUri } from './figurl-uri.js';
import { invalidUri } from './invalid-uri.js';

const shape = 'npm://<package>@<version>[/<path>]';
// npm's rules for new package names (validate-npm-package-name), lowercase, optional scope.
const packagePattern = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
// An exact version, a major/minor prefix ("12"), a ^/~ range or a dist-tag ("latest").
const versionPattern = /^[~^]?[0-9A-Za-z][0-9A-Za-z.+-]*$/;

/**
 * Parses an npm plugin location `npm://<package>@<version>[/<path>]` (figurl3 `v=`, served from
 * `https://unpkg.com/<package>@<version>/<path>`), e.g. sortingview's default
 * `npm://@fi-sci/figurl-sortingview@12/dist`.
 *
 * @example
 * parseNpmUri('npm://@fi-sci/figurl-sortingview@12/dist');
 * // { kind: 'npm', package: '@fi-sci/figurl-sortingview', version: '12', path: 'dist' }
 */
export function parseNpmUri(input: unknown): NpmUri {
  const text = checkUriText(input);
  if (!text.startsWith('npm://')) throw invalidUri(text, `an npm URI of the form ${shape}`);
  const rest = text.slice('npm://'.length);
  // A scoped name starts with "@", so the version's "@" is the first one after that.
  const at = rest.indexOf('@', rest.startsWith('@') ? 1 : 0);
  if (at < 0) throw invalidUri(text, `an npm URI of the form ${shape} (the "@<version>" is missing)`);
  const name = rest.slice(0, at);
  if (name.length > 214 || !packagePattern.test(name)) {
    throw invalidUri(
      text,
      `an npm package name such as "vega" or "@scope/name" in ${shape}, got ${JSON.stringify(name)}`,
    );
  }
  const afterAt = rest.slice(at + 1);
  const slash = afterAt.indexOf('/');
  const version = slash < 0 ? afterAt : afterAt.slice(0, slash);
  if (version.length > 256 || !versionPattern.test(version)) {
    throw invalidUri(
      text,
      `a version, range or dist-tag such as "12", "1.2.3" or "latest", got ${JSON.stringify(version)}`,
    );
  }
  if (slash < 0) return { kind: 'npm', package: name, version };
  const path = checkPath(text, afterAt.slice(slash + 1), { shape, allowTrailingSlash: true });
  return { kind: 'npm', package: name, version, path };
}
