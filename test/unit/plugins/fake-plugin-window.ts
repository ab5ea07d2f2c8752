import type { BridgeWindow, MessageEventLike } from '@figurl/plugin-interface';

export const shellOrigin = 'https://figurl.example';

export interface Posted {
  message: Record<string, unknown>;
  targetOrigin: string;
}

/**
 * A plugin iframe's window without a DOM: `parent` records what the plugin posts, `deliver`
 * dispatches a MessageEvent the way the browser would (data, origin, source). Delivery is
 * synchronous; the bridge does not depend on postMessage's task timing.
 */
export function createFakePluginWindow(search: string, options: { topLevel?: boolean; opener?: boolean } = {}) {
  const listeners = new Set<(event: MessageEventLike) => void>();
  const posted: Posted[] = [];
  const record = (message: unknown, targetOrigin: string) => {
    posted.push({ message: message as Record<string, unknown>, targetOrigin });
  };
  const parent = { postMessage: record };
  const opener = options.opener ? { postMessage: record } : null;
  const win: BridgeWindow & { parent: unknown } = {
    location: { search },
    parent,
    opener,
    addEventListener: (_type, listener) => listeners.add(listener),
    removeEventListener: (_type, listener) => listeners.delete(listener),
  };
  if (options.topLevel) (win as { parent: unknown }).parent = win;
  const deliver = (data: unknown, from: { origin?: string; source?: unknown } = {}) => {
    const event = { data, origin: from.origin ?? shellOrigin, source: 'source' in from ? from.source : parent };
    for (const listener of [...listeners]) listener(event);
  };
  /** The figurlRequest envelopes posted so far. */
  const requests = () => posted.map((p) => p.message).filter((m) => m.type === 'figurlRequest');
  const lastRequest = () => {
    const all = requests();
    const last = all[all.length - 1];
    if (last === undefined) throw new Error('the plugin has posted no figurlRequest');
    return last as { figureId: string; requestId: string; request: Record<string, unknown> };
  };
  const respond = (
    requestId: string,
    response: Record<string, unknown>,
    from?: { origin?: string; source?: unknown },
  ) => deliver({ type: 'figurlResponse', requestId, response }, from);
  return {
    win: win as BridgeWindow,
    parent,
    opener,
    posted,
    deliver,
    requests,
    lastRequest,
    respond,
    listenerCount: () => listeners.size,
  };
}

/** Lets promise callbacks queued by the bridge run (it posts after an awaited boot). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
