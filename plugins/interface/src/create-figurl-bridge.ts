import { decodeNdarraysInPlace, deserializeNdarrays, type FigurlRequestType, hasNdarrays } from '@figurl/sdk/protocol';
import type {
  BridgeWindow,
  FigurlBridge,
  FigurlBridgeOptions,
  FileDataOptions,
  PostTarget,
  ServiceQueryOptions,
  UrlState,
} from './bridge-types.js';
import { createBridgeState } from './create-bridge-state.js';
import { createParentTransport } from './create-parent-transport.js';
import { createStandaloneTransport } from './create-standalone-transport.js';
import { FigurlRequestError } from './figurl-request-error.js';
import { type BootParams, readBootParams } from './read-boot-params.js';

const second = 1000;
const minute = 60 * second;

/**
 * How long each request waits for the shell. Stores include a permission prompt the user reads;
 * a serviceQuery may be a long-poll (a figurl-curation watch waits up to 25 s).
 */
export const defaultRequestTimeouts: Readonly<Record<FigurlRequestType, number>> = {
  getFigureData: 5 * minute,
  getFileData: 5 * minute,
  getFileDataUrl: minute,
  storeFile: 15 * minute,
  storeGithubFile: 15 * minute,
  setUrlState: 30 * second,
  serviceQuery: 5 * minute,
  readDir: minute,
  postMessageToParent: 30 * second,
};

/**
 * Connects one plugin page to its figurl shell. Nothing happens at import time: the message
 * listener is added here. Most plugins call `startFigurlBridge()` (the page's one bridge) instead;
 * tests call this with a fake window.
 *
 * @example
 * const bridge = createFigurlBridge(window, { protocol: 'p1' });
 * const data = await bridge.getFigureData();
 */
export function createFigurlBridge(win: BridgeWindow, options: FigurlBridgeOptions = {}): FigurlBridge {
  const protocol = options.protocol ?? 'p1';
  const timeouts = { ...defaultRequestTimeouts, ...options.timeouts };
  const graceMs = options.urlStateReportGraceMs ?? second;
  const params = readBootParams(win.location.search);
  const target = findShell(win, params);
  const standalone = target === undefined;
  const state = createBridgeState(params.urlState ?? options.standalone?.urlState ?? {});
  const transport =
    target === undefined
      ? createStandaloneTransport(options.standalone, state)
      : createParentTransport({ win, target, params, protocol, state });
  // Under p1 (and standalone data, which is raw JSON) the plugin decodes ndarrays; legacy shells did.
  const decodesLocally = standalone || protocol === 'p1';
  const typed = options.ndarrays === 'typed';
  const decode = (value: unknown) => {
    if (!decodesLocally) return value;
    if (typed) return decodeNdarraysInPlace(value);
    return hasNdarrays(value) ? deserializeNdarrays(value) : value;
  };
  let figureData: Promise<unknown> | undefined;

  const loadFigureData = async () => {
    const response = await transport.request({ type: 'getFigureData' }, timeouts.getFigureData);
    return decode(response.figureData);
  };

  return {
    mode: standalone ? 'standalone' : 'embedded',
    protocol,
    getFigureData() {
      figureData ??= loadFigureData().catch((err: unknown) => {
        figureData = undefined; // A later call asks again.
        throw err;
      });
      return figureData;
    },
    async getFileData(uri, fileOptions: FileDataOptions = {}) {
      const responseType = fileOptions.responseType ?? 'json-deserialized';
      const { startByte, endByte } = fileOptions;
      if ((startByte !== undefined || endByte !== undefined) && responseType.startsWith('json')) {
        throw new FigurlRequestError(
          'getFileData',
          'invalid-request',
          `figurl: byte ranges of ${JSON.stringify(uri)} need responseType "text" or "binary", not ${JSON.stringify(responseType)}`,
        );
      }
      // p1 shells refuse json-deserialized: ask for json and decode here. Legacy: its default.
      const wireType = responseType !== 'json-deserialized' ? responseType : decodesLocally ? 'json' : undefined;
      const response = await transport.request(
        { type: 'getFileData', uri, responseType: wireType, startByte, endByte },
        fileOptions.timeoutMs ?? timeouts.getFileData,
      );
      if (response.errorMessage !== undefined) {
        throw new FigurlRequestError(
          'getFileData',
          'shell-error',
          `figurl: getFileData ${JSON.stringify(uri)} failed: ${response.errorMessage}`,
        );
      }
      return responseType === 'json-deserialized' ? decode(response.fileData) : response.fileData;
    },
    async getFileDataUrl(uri) {
      const response = await transport.request({ type: 'getFileDataUrl', uri }, timeouts.getFileDataUrl);
      if (response.fileDataUrl === undefined) {
        throw new FigurlRequestError(
          'getFileDataUrl',
          'shell-error',
          `figurl: getFileDataUrl ${JSON.stringify(uri)} failed: ${response.errorMessage ?? 'the shell gave no URL'}`,
        );
      }
      return response.fileDataUrl;
    },
    async storeFile(fileData) {
      const response = await transport.request({ type: 'storeFile', fileData }, timeouts.storeFile);
      if (response.error !== undefined) {
        throw new FigurlRequestError('storeFile', 'shell-error', `figurl: storeFile failed: ${response.error}`);
      }
      return response.uri;
    },
    async storeGithubFile(uri, fileData) {
      const response = await transport.request({ type: 'storeGithubFile', uri, fileData }, timeouts.storeGithubFile);
      if (!response.success) {
        throw new FigurlRequestError(
          'storeGithubFile',
          'shell-error',
          `figurl: storeGithubFile ${JSON.stringify(uri)} failed: ${response.error ?? 'the shell did not say why'}`,
        );
      }
    },
    async setUrlState(next: UrlState) {
      const before = state.urlStateVersion();
      await transport.request({ type: 'setUrlState', state: next }, timeouts.setUrlState);
      // The shell reports the new state (reportUrlStateChange) right after answering; shells from
      // before 2023 never do, so the state is applied here if no report came.
      if (state.urlStateVersion() !== before) return;
      setTimeout(() => {
        if (state.urlStateVersion() === before) state.setUrlState(next);
      }, graceMs);
    },
    async serviceQuery(serviceName, query, queryOptions: ServiceQueryOptions = {}) {
      const response = await transport.request(
        { type: 'serviceQuery', serviceName, query },
        queryOptions.timeoutMs ?? timeouts.serviceQuery,
      );
      if (response.errorMessage !== undefined) {
        throw new FigurlRequestError(
          'serviceQuery',
          'shell-error',
          `figurl: serviceQuery ${JSON.stringify(serviceName)} failed: ${response.errorMessage}`,
          /^([A-Z][A-Z_]+): /.exec(response.errorMessage)?.[1],
        );
      }
      return response.result;
    },
    async postMessageToParent(message) {
      await transport.request({ type: 'postMessageToParent', message }, timeouts.postMessageToParent);
    },
    getUrlState: state.getUrlState,
    getUserId: state.getUserId,
    subscribe: state.subscribe,
    onMessageToFrontend: state.onMessageToFrontend,
    onFileDownloadProgress: state.onFileDownloadProgress,
    stop: transport.stop,
  };
}

/** The window to talk to, or undefined for standalone mode (`?test=1`, or nobody above us). */
function findShell(win: BridgeWindow, params: BootParams): PostTarget | undefined {
  if (params.test) return undefined;
  const target = params.useOpener ? win.opener : win.parent;
  return target === null || target === undefined || target === (win as unknown) ? undefined : target;
}
