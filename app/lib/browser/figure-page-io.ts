import {
  type CurationServiceQuery,
  type CurationServiceResult,
  curationServiceResultSchemas,
  type FigureHost,
  type FigureHostIo,
  FigurlError,
  isErrorCode,
  type MessageToChild,
  parseGitHubUri,
  parseWith,
  sha1Hex,
  startInitializeFigure,
  toHex,
} from '@figurl/sdk';
import { createBrowserLoader } from './load-uri';
import { readUrlState, urlWithState } from './url-state';

export interface FigurePageIoOptions {
  frame: HTMLIFrameElement;
  /** Target origin of posts into the frame (`*` only for a sandboxed same-origin plugin). */
  pluginOrigin: string;
  zoneUrl: string;
  zone: string | undefined;
  onFigureError(error: FigurlError): void;
  askConsent(request: { purpose: string; title: string; detail: string }): Promise<boolean>;
}

/** setCurrentUser is sent 5 times a second apart after start (figurl3), then on every change. */
const announceTimes = [0, 1000, 2000, 3000, 4000];

/**
 * What the figure host needs from a browser page: posting into the frame, loading URIs,
 * storing with the user's consent, the address bar, the user's login.
 */
export function createFigurePageIo(options: FigurePageIoOptions) {
  const loader = createBrowserLoader({ zoneUrl: options.zoneUrl, zone: options.zone });
  const allowed = new Map<string, Promise<boolean>>();
  // Once per purpose and target for the page's life, as figurl3's verifyPermissions.
  const consent = (purpose: string, target: string, title: string, detail: string) => {
    const key = `${purpose} ${target}`;
    let answer = allowed.get(key);
    if (answer === undefined) {
      answer = options.askConsent({ purpose, title, detail });
      allowed.set(key, answer);
    }
    return answer;
  };
  const post = (message: unknown, transfer?: ArrayBuffer[]) =>
    options.frame.contentWindow?.postMessage(message, options.pluginOrigin, transfer ?? []);

  const storeText = async (fileData: string): Promise<string> => {
    const res = await fetch('/api/store', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fileData }),
    });
    const body = (await res.json().catch(() => ({}))) as { uri?: string; message?: string; code?: string };
    if (!res.ok || typeof body.uri !== 'string') {
      throw new FigurlError('UNAVAILABLE', `storing the file failed: ${body.message ?? `HTTP ${res.status}`}`);
    }
    return body.uri;
  };

  // A plugin's figurl-curation query, answered by the zone as the signed-in user (POST /api/curation).
  // No timeout here: a watch is a long-poll of up to 25 s.
  const curation = async (query: CurationServiceQuery): Promise<CurationServiceResult> => {
    const zone = options.zone === undefined ? '' : `?zone=${encodeURIComponent(options.zone)}`;
    const res = await fetch(`/api/curation${zone}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(query),
    });
    const body = (await res.json().catch(() => undefined)) as { code?: unknown; message?: unknown } | undefined;
    if (!res.ok) {
      const code = isErrorCode(body?.code) ? body.code : 'UNAVAILABLE';
      const message = typeof body?.message === 'string' ? body.message : `HTTP ${res.status}`;
      throw new FigurlError(code, message);
    }
    return parseWith(curationServiceResultSchemas[query.op], body, `answer to the figurl-curation ${query.op}`);
  };

  const hostIo: FigureHostIo = {
    post: (message: MessageToChild, transfer) => post(message, transfer),
    load: loader.load,
    fileDataUrl: loader.fileDataUrl,
    async storeFile(fileData) {
      const bytes = new TextEncoder().encode(fileData).byteLength;
      const ok = await consent(
        'store-file',
        '',
        'Store data from this figure?',
        `The figure wants to store ${bytes.toLocaleString()} bytes in the zone at ${options.zoneUrl} as a permanent, content-addressed file anyone with its link can read.`,
      );
      return ok ? storeText(fileData) : undefined;
    },
    async storeGithubFile(uri, fileData) {
      const { owner, repo, branch, path } = parseGitHubUri(uri);
      const ok = await consent(
        'store-github-file',
        uri,
        'Commit to GitHub?',
        `The figure wants to commit ${path} to ${owner}/${repo} (branch ${branch}) with your GitHub account.`,
      );
      if (!ok) throw new FigurlError('FORBIDDEN', `you did not allow writing ${uri}`);
      // The `.uri` convention: the data goes to the zone, the file gets its sha1:// URI.
      const content = path.endsWith('.uri') ? await storeText(fileData) : fileData;
      const res = await fetch('/api/github/contents', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ uri, content }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { message?: string; code?: string };
        const code = body.code === 'CONFLICT' || body.code === 'UNAUTHORIZED' ? body.code : 'UNAVAILABLE';
        throw new FigurlError(code, body.message ?? `writing ${uri} failed: HTTP ${res.status}`);
      }
    },
    setUrlState(state, { replace }) {
      const url = urlWithState(window.location.href, state);
      if (replace) window.history.replaceState(window.history.state, '', url);
      else window.history.pushState(window.history.state, '', url);
    },
    postMessageToParent(message) {
      if (window.parent !== window) window.parent.postMessage(message, '*');
    },
    curation,
    onFigureError: options.onFigureError,
    sha1: sha1OfBytes,
    now: () => performance.now(),
  };

  return {
    hostIo,
    startInitializeFigure(figureId: string, parentOrigin: string, stateText: string | undefined) {
      const message = {
        type: 'initializeFigure',
        parentOrigin,
        figureId,
        ...(stateText === undefined ? {} : { s: encodeURIComponent(stateText) }),
      };
      return startInitializeFigure(() => post(message), {
        setTimeout: (cb, ms) => window.setTimeout(cb, ms),
        clearTimeout: (handle) => window.clearTimeout(handle as number),
      });
    },
    readUrlState: () => readUrlState(window.location.search),
    /** Tells the plugin who is signed in (the login only), now and when another tab signs in or out. */
    announceUser(host: FigureHost, initial: string | null, onChange: (login: string | null) => void) {
      let login = initial;
      const timers = announceTimes.map((ms) => window.setTimeout(() => host.setCurrentUser(login ?? undefined), ms));
      const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('figurl-auth');
      if (channel !== undefined) {
        channel.onmessage = async () => {
          const res = await fetch('/api/auth/me', { cache: 'no-store' }).catch(() => undefined);
          const body = (await res?.json().catch(() => undefined)) as { login?: string | null } | undefined;
          login = body?.login ?? null;
          onChange(login);
          host.setCurrentUser(login ?? undefined);
        };
      }
      return () => {
        for (const timer of timers) window.clearTimeout(timer);
        channel?.close();
      };
    },
  };
}

/** crypto.subtle where the page is a secure context; the sdk's portable hasher elsewhere (http on a LAN). */
async function sha1OfBytes(bytes: Uint8Array): Promise<string> {
  if (globalThis.crypto?.subtle === undefined) return sha1Hex(bytes);
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-1', bytes as Uint8Array<ArrayBuffer>)));
}
