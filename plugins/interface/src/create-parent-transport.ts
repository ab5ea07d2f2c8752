import {
  type FigurlRequest,
  type FigurlResponse,
  initializeFigureMessageSchema,
  type MessageToChild,
  messageToChildSchema,
} from '@figurl/sdk/protocol';
import type { BridgeWindow, FigurlProtocol, MessageEventLike, PostTarget } from './bridge-types.js';
import type { BridgeState } from './create-bridge-state.js';
import { FigurlRequestError } from './figurl-request-error.js';
import { parseUrlState } from './parse-url-state.js';
import type { BootParams } from './read-boot-params.js';
import type { Transport } from './transport.js';

export interface ParentTransportOptions {
  win: BridgeWindow;
  /** `window.parent`, or `window.opener` with `useOpener=1`. */
  target: PostTarget;
  params: BootParams;
  protocol: FigurlProtocol;
  state: BridgeState;
}

interface Boot {
  figureId: string;
  parentOrigin: string;
}

interface Pending {
  type: string;
  description: string;
  resolve(response: FigurlResponse): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Talks to the shell over postMessage (protocol §2). Boots from `figureId` and `parentOrigin` in
 * the query string when both are there, else from the first `initializeFigure` (§2.3). Accepts
 * only messages whose source is the parent (or opener) window and, unless the parent origin is
 * `*`, whose origin is the parent origin; messages must match the strict schemas exactly.
 */
export function createParentTransport(options: ParentTransportOptions): Transport {
  const { win, target, params, protocol, state } = options;
  const pending = new Map<string, Pending>();
  let boot: Boot | undefined =
    params.figureId !== undefined && params.parentOrigin !== undefined
      ? { figureId: params.figureId, parentOrigin: params.parentOrigin }
      : undefined;
  let resolveBoot: (boot: Boot) => void = () => {};
  const booted = boot !== undefined ? Promise.resolve(boot) : new Promise<Boot>((resolve) => (resolveBoot = resolve));

  const onInitializeFigure = (event: MessageEventLike) => {
    if (boot !== undefined) return; // The first wins (§2.3); the shell repeats it until we speak.
    const parsed = initializeFigureMessageSchema.safeParse(event.data);
    if (!parsed.success) {
      console.warn('figurl: ignoring a malformed initializeFigure', parsed.error.issues[0]);
      return;
    }
    const { figureId, parentOrigin, s } = parsed.data;
    if (parentOrigin !== '*' && event.origin !== parentOrigin) {
      console.warn(`figurl: ignoring initializeFigure from ${event.origin}: it names parent origin ${parentOrigin}`);
      return;
    }
    boot = { figureId, parentOrigin };
    // `s` from the query string wins; the one in initializeFigure is figurl3's URL-encoded copy.
    if (params.urlState === undefined && s !== undefined && s !== '') {
      const urlState = parseUrlState(s);
      if (urlState !== undefined) state.setUrlState(urlState);
    }
    resolveBoot(boot);
  };

  const onMessage = (event: MessageEventLike) => {
    if (event.source !== target) return;
    const data = event.data;
    if (isRecord(data) && data.type === 'initializeFigure') {
      onInitializeFigure(event);
      return;
    }
    if (boot === undefined) return;
    if (boot.parentOrigin !== '*' && event.origin !== boot.parentOrigin) return;
    const parsed = messageToChildSchema.safeParse(data);
    if (!parsed.success) {
      failMalformedResponse(data, parsed.error.issues[0]);
      return;
    }
    handleMessageToChild(parsed.data, boot);
  };

  const handleMessageToChild = (message: MessageToChild, { figureId }: Boot) => {
    switch (message.type) {
      case 'figurlResponse':
        settle(message.requestId, message.response);
        return;
      case 'setCurrentUser':
        state.setUserId(message.userId);
        return;
      case 'reportUrlStateChange':
        state.setUrlState(message.state);
        return;
      case 'fileDownloadProgress':
        state.emitFileDownloadProgress({ uri: message.uri, loaded: message.loaded, total: message.total });
        return;
      case 'messageToFrontend':
        if (message.figureId === undefined || message.figureId === figureId) {
          state.emitMessageToFrontend(message.message);
        }
        return;
    }
  };

  const settle = (requestId: string, response: FigurlResponse) => {
    const entry = pending.get(requestId);
    if (entry === undefined) return;
    pending.delete(requestId);
    clearTimeout(entry.timer);
    if (response.type !== entry.type) {
      entry.reject(
        new FigurlRequestError(
          entry.type,
          'invalid-response',
          `figurl: the shell answered ${entry.description} with a ${response.type} response`,
        ),
      );
      return;
    }
    entry.resolve(response);
  };

  /** A figurlResponse with an extra or missing key would otherwise leave its request waiting. */
  const failMalformedResponse = (data: unknown, issue: { path: PropertyKey[]; message: string } | undefined) => {
    const where = issue === undefined ? '' : ` (${issue.path.map(String).join('.') || 'message'}: ${issue.message})`;
    const requestId = isRecord(data) && data.type === 'figurlResponse' ? data.requestId : undefined;
    const entry = typeof requestId === 'string' ? pending.get(requestId) : undefined;
    if (entry === undefined || typeof requestId !== 'string') {
      console.warn(`figurl: ignoring a message from the parent that is not part of the protocol${where}`, data);
      return;
    }
    pending.delete(requestId);
    clearTimeout(entry.timer);
    entry.reject(
      new FigurlRequestError(
        entry.type,
        'invalid-response',
        `figurl: the shell's answer to ${entry.description} is not a valid figurlResponse${where}`,
      ),
    );
  };

  win.addEventListener('message', onMessage);

  return {
    request(request, timeoutMs) {
      const description = describeRequest(request);
      return new Promise((resolve, reject) => {
        const requestId = randomRequestId();
        const timer = setTimeout(() => {
          pending.delete(requestId);
          const why =
            boot === undefined
              ? ': this page never learned its figureId and parentOrigin (neither in its query string nor from an initializeFigure message)'
              : '';
          reject(
            new FigurlRequestError(
              request.type,
              'timeout',
              `figurl: no answer to ${description} from the shell within ${formatDuration(timeoutMs)}${why}`,
            ),
          );
        }, timeoutMs);
        pending.set(requestId, {
          type: request.type,
          description,
          resolve: resolve as (response: FigurlResponse) => void,
          reject,
          timer,
        });
        void booted.then(({ figureId, parentOrigin }) => {
          if (!pending.has(requestId)) return;
          const message = { type: 'figurlRequest', figureId, requestId, request: toWireRequest(request, protocol) };
          try {
            target.postMessage(message, parentOrigin);
          } catch (err) {
            // A message that cannot be cloned (functions, DOM nodes) fails here, not later.
            pending.delete(requestId);
            clearTimeout(timer);
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        });
      });
    },
    stop() {
      win.removeEventListener('message', onMessage);
      for (const [requestId, entry] of pending) {
        pending.delete(requestId);
        clearTimeout(entry.timer);
        entry.reject(
          new FigurlRequestError(entry.type, 'stopped', `figurl: stopped while waiting for ${entry.description}`),
        );
      }
    },
  };
}

/**
 * The request as the shell's generation expects it: `p1` marks every request with
 * `figurlProtocolVersion:'p1'`; legacy sends no version key at all (figurl2's strict validators
 * reject it) and leaves out keys that are undefined rather than sending them.
 */
export function toWireRequest(request: FigurlRequest, protocol: FigurlProtocol): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) {
    if (value !== undefined && key !== 'figurlProtocolVersion') wire[key] = value;
  }
  if (protocol === 'p1') wire.figurlProtocolVersion = 'p1';
  return wire;
}

function describeRequest(request: FigurlRequest): string {
  return 'uri' in request && typeof request.uri === 'string'
    ? `${request.type} ${JSON.stringify(request.uri)}`
    : request.type;
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/** 10 letters, as figurl3 draws request ids. */
function randomRequestId(): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (b) => letters[b % letters.length]).join('');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}
