import type { StorageDeps } from './storage-deps.js';

/**
 * Removes what expired uploads left behind: their staging objects and rows. An upload target
 * expires `uploadTtlMs` after initiate; `graceMs` more is allowed for a PUT still streaming.
 * Objects under `staging/` and `verifying/` with no live upload and older than the same
 * horizon are removed too (a crash between writing and recording leaves those).
 *
 * @returns how many uploads and orphan objects were removed.
 */
export async function collectStaleUploads(
  deps: StorageDeps,
  options: { graceMs: number; batch?: number },
): Promise<{ uploads: number; orphans: number }> {
  const horizon = new Date(deps.now().getTime() - options.graceMs);
  const batch = options.batch ?? 500;
  let uploads = 0;
  for (;;) {
    const expired = await deps.uploads.listExpired(horizon, batch);
    for (const upload of expired) {
      await deps.bucket.delete(upload.stagingKey);
      await deps.uploads.delete(upload.id);
      uploads++;
    }
    if (expired.length < batch) break;
  }
  let orphans = 0;
  const oldest = horizon.getTime() - deps.uploadTtlMs;
  for (const prefix of ['staging/', 'verifying/']) {
    for await (const object of deps.bucket.list(prefix)) {
      if (object.lastModified.getTime() >= oldest) continue;
      const id = object.key.slice(prefix.length, prefix.length + 36);
      const live = await deps.uploads.find(id).catch(() => null);
      if (live?.state === 'pending' && live.expiresAt.getTime() > horizon.getTime()) continue;
      await deps.bucket.delete(object.key);
      orphans++;
    }
  }
  return { uploads, orphans };
}
