export type {
  BridgeWindow,
  FigurlBridge,
  FigurlBridgeOptions,
  FigurlProtocol,
  FileDataOptions,
  FileDownloadProgress,
  FileResponseType,
  MessageEventLike,
  PostTarget,
  ServiceQueryOptions,
  StandaloneData,
  UrlState,
} from './bridge-types.js';
export { createFigurlBridge, defaultRequestTimeouts } from './create-figurl-bridge.js';
export { type Curation, type CurationAction, curationService } from './curation-service.js';
export type { DataState } from './data-state.js';
export { getFigurlBridge, startFigurlBridge, stopFigurlBridge } from './figurl-bridge.js';
export { FigurlRequestError, type FigurlRequestFailure } from './figurl-request-error.js';
export { getFigureData } from './get-figure-data.js';
export { getFileData } from './get-file-data.js';
export { getFileDataUrl } from './get-file-data-url.js';
export { onFileDownloadProgress } from './on-file-download-progress.js';
export { onMessageToFrontend } from './on-message-to-frontend.js';
export { parseUrlState } from './parse-url-state.js';
export { postMessageToParent } from './post-message-to-parent.js';
export { readBootParams } from './read-boot-params.js';
export { serviceQuery } from './service-query.js';
export { setUrlState } from './set-url-state.js';
export { startPlugin } from './start-plugin.js';
export { StatusMessage } from './status-message.js';
export { storeFile } from './store-file.js';
export { storeGithubFile } from './store-github-file.js';
export { useFigureData } from './use-figure-data.js';
export { type UseFileDataOptions, useFileData } from './use-file-data.js';
export { useSignedIn } from './use-signed-in.js';
export { type SetUrlState, useUrlState } from './use-url-state.js';
