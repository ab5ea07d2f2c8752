import type { FigurlRequestType } from '@figurl/sdk/protocol';

/** The two generations of the protocol (§2.6): `p1` sends raw JSON, legacy has the shell decode ndarrays. */
export type FigurlProtocol = 'p1' | 'legacy';

/** What a plugin asks `getFileData` for; `json-deserialized` is JSON with ndarrays decoded. */
export type FileResponseType = 'json-deserialized' | 'json' | 'text' | 'binary';

export type UrlState = Record<string, unknown>;

export interface FileDownloadProgress {
  uri: string;
  loaded: number;
  total: number;
}

export interface FileDataOptions {
  /** Default `json-deserialized`. Byte ranges need `text` or `binary`. */
  responseType?: FileResponseType | undefined;
  startByte?: number | undefined;
  /** Exclusive. */
  endByte?: number | undefined;
  /** Overrides the bridge's getFileData timeout for this call. */
  timeoutMs?: number | undefined;
}

export interface ServiceQueryOptions {
  /** Overrides the bridge's serviceQuery timeout (5 minutes) for this call. */
  timeoutMs?: number | undefined;
}

/** Data a plugin answers itself with when no shell is around (`?test=1`, or opened directly). */
export interface StandaloneData {
  figureData?: unknown;
  /** Answers to getFileData by URI. */
  files?: Readonly<Record<string, unknown>>;
  /** URL state to start with when the query string has no `s`. */
  urlState?: UrlState;
}

export interface FigurlBridgeOptions {
  /** Default `p1`. */
  protocol?: FigurlProtocol;
  /** Milliseconds to wait for each request type's answer (defaults: `defaultRequestTimeouts`). */
  timeouts?: Partial<Record<FigurlRequestType, number>>;
  /** Used instead of a shell in standalone mode. */
  standalone?: StandaloneData;
  /**
   * After a setUrlState answer, how long to wait for the shell's `reportUrlStateChange` before
   * applying the state locally (shells from before 2023 never report). Default 1000 ms.
   */
  urlStateReportGraceMs?: number;
  /**
   * How ndarrays (`{_type:'ndarray', …}`) in JSON the plugin decodes (p1 figure data and
   * `json-deserialized` files) arrive: `nested` (default) as nested number arrays, like legacy
   * shells deliver them; `typed` as `NdArray`s (`{dtype, shape, data: TypedArray}`), decoded in
   * place with no copy of the tree: for large data.
   */
  ndarrays?: 'nested' | 'typed';
}

/** The part of `window` the bridge uses; tests pass a fake. */
export interface BridgeWindow {
  readonly location: { readonly search: string };
  readonly parent: PostTarget | null;
  readonly opener: PostTarget | null;
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
}

export interface PostTarget {
  postMessage(message: unknown, targetOrigin: string): void;
}

export interface MessageEventLike {
  readonly data: unknown;
  readonly origin: string;
  readonly source: unknown;
}

/** One plugin page's connection to its shell (or to its standalone data). */
export interface FigurlBridge {
  /** `standalone` with `?test=1` or when the page has no parent (or opener with `useOpener=1`). */
  readonly mode: 'embedded' | 'standalone';
  readonly protocol: FigurlProtocol;
  /** The figure's data, asked for once and shared. */
  getFigureData(): Promise<unknown>;
  getFileData(uri: string, options?: FileDataOptions): Promise<unknown>;
  getFileDataUrl(uri: string): Promise<string>;
  /** Stores text content-addressed; the `sha1://` URI, or undefined when the user declines. */
  storeFile(fileData: string): Promise<string | undefined>;
  /** Commits text to a `gh://owner/repo/branch/path` file; throws unless it succeeded. */
  storeGithubFile(uri: string, fileData: string): Promise<void>;
  setUrlState(state: UrlState): Promise<void>;
  /**
   * Asks a service of the shell (`figurl-curation`); the answer's `result`. Throws a
   * FigurlRequestError (`shell-error`, with `code` when the shell named one) on an error answer.
   */
  serviceQuery(serviceName: string, query: unknown, options?: ServiceQueryOptions): Promise<unknown>;
  postMessageToParent(message: unknown): Promise<void>;
  /** The current URL state; the same object until it changes. */
  getUrlState(): UrlState;
  /** The signed-in user's id from `setCurrentUser`, undefined when signed out. */
  getUserId(): string | undefined;
  /** Called when the URL state or the user changes. Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  onMessageToFrontend(callback: (message: unknown) => void): () => void;
  onFileDownloadProgress(callback: (progress: FileDownloadProgress) => void): () => void;
  /** Removes the message listener and fails every request still waiting. */
  stop(): void;
}
