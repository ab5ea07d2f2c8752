import { basename } from 'node:path';
import type { EdgeFile, ShareClientMessage } from '../../schemas/edge.js';
import type { ZoneClient } from '../../zone-client/index.js';
import { type DirectoryIndex, hashFile, type SharedFile } from './index-directory.js';
import type { Sha1Cache } from './sha1-cache.js';
import { SharedFileChangedError, uploadSharedFile } from './upload-shared-file.js';

/** Progress goes to the zone at most this often per upload. */
const progressIntervalMs = 250;

export interface RequestServerOptions {
  client: ZoneClient;
  cache: Sha1Cache;
  /** The resource's name, for refusals. */
  name: string;
  maxUploads: number;
  /** The current index (a rescan replaces it; a changed file is moved within it). */
  state: { index: DirectoryIndex };
  /** Sends a message if connected; outcomes are kept and repeated when the zone asks again. */
  send: (message: ShareClientMessage) => void;
  announce: (files: EdgeFile[], last: boolean) => void;
  log: (line: string) => void;
}

/**
 * The uploads `figurl share` makes for the zone: requests are queued and served
 * `maxUploads` at a time; only hashes in the index are served; a file that changed since it was
 * announced is refused, withdrawn and announced under its new hash. A request the zone repeats
 * (after a reconnect) is ignored while it runs and answered with its outcome once finished.
 *
 * @example
 * const server = createRequestServer({ client, cache, name, maxUploads: 2, state, send, announce, log });
 * server.ask(requestId, sha1, size);
 */
export function createRequestServer(options: RequestServerOptions): {
  ask(requestId: string, sha1: string, size: number): void;
} {
  const { client, cache, name, state, send, announce, log } = options;
  const queued: Array<{ requestId: string; sha1: string }> = [];
  const known = new Map<string, ShareClientMessage | 'pending'>();
  let running = 0;

  const pump = () => {
    while (running < options.maxUploads && queued.length > 0) {
      const job = queued.shift() as { requestId: string; sha1: string };
      running++;
      void serve(job.requestId, job.sha1).finally(() => {
        running--;
        pump();
      });
    }
  };
  const finish = (outcome: ShareClientMessage) => {
    if ('requestId' in outcome) known.set(outcome.requestId, outcome);
    send(outcome);
  };

  /** A changed file leaves the index under its old hash and returns under its new one. */
  const reannounce = async (file: SharedFile) => {
    const { byHash } = state.index;
    const same = byHash.get(file.sha1)?.filter((f) => f.path !== file.path) ?? [];
    if (same.length > 0) byHash.set(file.sha1, same);
    else {
      byHash.delete(file.sha1);
      send({ type: 'withdraw', sha1s: [file.sha1] });
    }
    const now = await hashFile(file.path, cache).catch(() => null);
    if (now === null) return;
    const entry = byHash.get(now.sha1);
    if (entry) entry.push(now);
    else {
      byHash.set(now.sha1, [now]);
      announce([{ sha1: now.sha1, size: now.size }], false);
    }
    log(`re-announced ${basename(file.path)} as sha1://${now.sha1}`);
  };

  const serve = async (requestId: string, sha1: string) => {
    const candidates = [...(state.index.byHash.get(sha1) ?? [])];
    if (candidates.length === 0) {
      log(`refused sha1://${sha1}: not shared here`);
      finish({ type: 'failed', requestId, error: `sha1://${sha1} is not shared by resource "${name}"` });
      return;
    }
    send({ type: 'started', requestId });
    const began = Date.now();
    let sentAt = 0;
    const onProgress = (bytes: number) => {
      if (Date.now() - sentAt < progressIntervalMs) return;
      sentAt = Date.now();
      send({ type: 'progress', requestId, bytes });
    };
    let problem = '';
    for (const file of candidates) {
      try {
        log(`uploading ${basename(file.path)} as sha1://${sha1} (${file.size} bytes)`);
        await uploadSharedFile(client, file, { onProgress });
        send({ type: 'progress', requestId, bytes: file.size });
        log(`uploaded sha1://${sha1} (${file.size} bytes in ${((Date.now() - began) / 1000).toFixed(2)} s)`);
        finish({ type: 'completed', requestId });
        return;
      } catch (err) {
        problem = err instanceof Error ? err.message : String(err);
        log(`refused sha1://${sha1}: ${problem}`);
        if (!(err instanceof SharedFileChangedError)) break;
        await reannounce(file);
      }
    }
    finish({ type: 'failed', requestId, error: problem.slice(0, 1000) });
  };

  return {
    ask(requestId, sha1, size) {
      const outcome = known.get(requestId);
      if (outcome === 'pending') return;
      if (outcome !== undefined) return send(outcome);
      known.set(requestId, 'pending');
      log(`request for sha1://${sha1} (${size} bytes)`);
      queued.push({ requestId, sha1 });
      pump();
    },
  };
}
