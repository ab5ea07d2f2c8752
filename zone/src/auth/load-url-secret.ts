import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FigurlError } from '@figurl/sdk';

/** The file under the data folder that holds the generated key of signed blob URLs. */
export const urlSecretFileName = 'url-secret';

/**
 * The key of signed blob URLs kept in `<dataDir>/url-secret` (64 hex, mode 0600), made on first
 * start. Created exclusively and whole: zones starting together on one data folder end up with
 * the same key (the loser of the race reads the winner's file).
 *
 * @example
 * const secret = config.urlSecret ?? (await loadUrlSecret(config.dataDir));
 */
export async function loadUrlSecret(dataDir: string): Promise<string> {
  const path = join(dataDir, urlSecretFileName);
  const existing = await readSecret(path);
  if (existing !== null) return existing;
  await mkdir(dataDir, { recursive: true });
  // Written aside, then linked into place: the file appears whole or not at all.
  const draft = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(draft, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  try {
    await link(draft, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await rm(draft, { force: true });
  }
  const made = await readSecret(path);
  if (made === null) throw new FigurlError('INTERNAL', `${path} vanished while the zone was starting`);
  return made;
}

async function readSecret(path: string): Promise<string | null> {
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (!/^[0-9a-f]{64}$/.test(text)) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `${path} does not hold a URL secret: expected 64 lowercase hex characters (delete it to make a new one, which invalidates signed URLs)`,
    );
  }
  return text;
}
