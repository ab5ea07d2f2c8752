import type { FileDownloadProgress, UrlState } from './bridge-types.js';

/** The state both transports feed and the hooks read: URL state, user, and event listeners. */
export interface BridgeState {
  getUrlState(): UrlState;
  setUrlState(state: UrlState): void;
  /** Counts the URL states applied so far, so setUrlState can tell whether the shell reported. */
  urlStateVersion(): number;
  getUserId(): string | undefined;
  setUserId(userId: string | undefined): void;
  subscribe(listener: () => void): () => void;
  onFileDownloadProgress(callback: (progress: FileDownloadProgress) => void): () => void;
  emitFileDownloadProgress(progress: FileDownloadProgress): void;
  onMessageToFrontend(callback: (message: unknown) => void): () => void;
  emitMessageToFrontend(message: unknown): void;
}

export function createBridgeState(initialUrlState: UrlState): BridgeState {
  let urlState = initialUrlState;
  let version = 0;
  let userId: string | undefined;
  const listeners = new Set<() => void>();
  const progressListeners = new Set<(progress: FileDownloadProgress) => void>();
  const frontendListeners = new Set<(message: unknown) => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const add = <T>(set: Set<T>, item: T) => {
    set.add(item);
    return () => {
      set.delete(item);
    };
  };
  return {
    getUrlState: () => urlState,
    setUrlState(state) {
      urlState = state;
      version++;
      notify();
    },
    urlStateVersion: () => version,
    getUserId: () => userId,
    setUserId(next) {
      if (next === userId) return;
      userId = next;
      notify();
    },
    subscribe: (listener) => add(listeners, listener),
    onFileDownloadProgress: (callback) => add(progressListeners, callback),
    emitFileDownloadProgress(progress) {
      for (const callback of [...progressListeners]) callback(progress);
    },
    onMessageToFrontend: (callback) => add(frontendListeners, callback),
    emitMessageToFrontend(message) {
      for (const callback of [...frontendListeners]) callback(message);
    },
  };
}
