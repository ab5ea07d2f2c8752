import { FigurlError, isFigurlError } from '../errors/index.js';
import { parseWith } from '../schemas/parse-with.js';
import { parseGitHubUri } from '../uri/parse-github-uri.js';
import { findSha1OfUri } from '../uri/sha1-from-uri.js';
import {
  type CurationServiceQuery,
  type CurationServiceResult,
  curationServiceName,
  curationServiceQuerySchema,
  toCurationUri,
} from './curation-service.js';
import { deserializeNdarrays, hasNdarrays } from './deserialize-ndarrays.js';
import { createFigureUriScope, type FigureUriScope } from './figure-uri-scope.js';
import {
  type FigurlRequest,
  type FigurlResponse,
  figurlRequestMessageSchema,
  figurlRequestSchema,
  figurlRequestTypes,
  type MessageToChild,
} from './figurl-messages.js';
import { createRequestBudget } from './request-budget.js';

export interface LoadOptions {
  startByte?: number | undefined;
  /** Exclusive. */
  endByte?: number | undefined;
  /** Called as bytes arrive when the size is known. */
  onProgress?: ((loaded: number, total: number) => void) | undefined;
  /** Refuse (PAYLOAD_TOO_LARGE) beyond this many bytes. */
  maxBytes: number;
}

/** What the page around a figure provides; the host decides, these do. */
export interface FigureHostIo {
  /** Posts into the plugin's window; `transfer` moves ArrayBuffers instead of copying them. */
  post(message: MessageToChild, transfer?: ArrayBuffer[]): void;
  /**
   * The bytes a URI names, ranged when asked. Whole-file `sha1://`/`kachery:` loads are
   * verified by the host, and `gh://…/x.uri` pointers followed by it, so a loader only fetches.
   */
  load(uri: string, options: LoadOptions): Promise<Uint8Array>;
  /** A URL the plugin may fetch itself (sha1, kachery, http). */
  fileDataUrl(uri: string): Promise<string>;
  /** Stores text after asking the user; `undefined` when they decline. */
  storeFile(fileData: string): Promise<string | undefined>;
  /** Commits text to `gh://…` after asking the user; throws on refusal or failure. */
  storeGithubFile(uri: string, fileData: string): Promise<void>;
  /** Writes `s` into the page URL (a history entry, or a replacement when coalescing a burst). */
  setUrlState(state: Record<string, unknown>, options: { replace: boolean }): void;
  /** Forwards a plugin's message to the shell's own parent window. */
  postMessageToParent(message: unknown): void;
  /**
   * The `figurl-curation` service: the query (validated, and of a curation this figure may use)
   * answered by the zone as the signed-in user (the shell's `POST /api/curation`). Without it the
   * host answers that the service is not offered.
   */
  curation?(query: CurationServiceQuery): Promise<CurationServiceResult>;
  /** The figure cannot be shown (data missing, hash mismatch, …): tell the user, never render. */
  onFigureError(error: FigurlError): void;
  /** SHA-1 hex of bytes (crypto.subtle where it exists). */
  sha1(bytes: Uint8Array): Promise<string>;
  now(): number;
}

export interface FigureHostLimits {
  /** Requests a plugin may make per second, sustained; `burst` at once. */
  requestsPerSecond: number;
  burst: number;
  /** Largest single file a plugin may load. */
  maxFileBytes: number;
  /** All bytes one figure may load in its life. */
  maxTotalBytes: number;
}

export const defaultFigureHostLimits: FigureHostLimits = {
  requestsPerSecond: 200,
  burst: 2000,
  maxFileBytes: 1 << 30,
  maxTotalBytes: 16 * (1 << 30),
};

export interface FigureHostOptions {
  figureId: string;
  /** `d`, or undefined (then getFigureData answers `{}`). */
  dataUri: string | undefined;
  /** `s` the figure was opened with: URIs in it (a curation's gh:// file) are the figure's. */
  initialState?: Record<string, unknown> | undefined;
  io: FigureHostIo;
  limits?: Partial<FigureHostLimits> | undefined;
}

export interface FigureHost {
  /**
   * Handles one message the plugin's window sent. The caller has already checked that the
   * message came from this figure's iframe (`event.source`); the host checks `figureId`.
   * Returns true when the message was this figure's (the first one ends initializeFigure).
   */
  handleMessage(data: unknown): boolean;
  /** Back/forward: tell the plugin the URL state changed. */
  reportUrlStateChange(state: Record<string, unknown>): void;
  /** The signed-in GitHub login (never the token), or undefined when signed out. */
  setCurrentUser(userId: string | undefined): void;
  /** A `messageToFrontend` from the shell's parent page for this figure. */
  forwardMessageToFrontend(message: unknown): void;
}

/** setUrlState calls closer together than this replace the history entry instead of adding one. */
const urlStateCoalesceMs = 250;
/** A `.uri` pointer file holds one URI. */
const maxPointerBytes = 4096;
/** fileDownloadProgress at most once a second (figurl3). */
const progressIntervalMs = 1000;

const rtcshareError =
  'this shell has no rtcshare service hub: readDir and serviceQuery need a figurl shell started with sh=';

/**
 * The shell side of the figurl postMessage protocol for one figure, without a DOM: the Next.js
 * figure page and the offline bundle host wrap it. Responses carry exactly the documented keys
 * (plugins reject anything else and hang), legacy requests get ndarrays deserialized and `p1`
 * raw JSON, whole-file sha1 loads are verified, a plugin may read only the URIs its figure
 * names, and a token bucket bounds what it may ask.
 *
 * @example
 * const host = createFigureHost({ figureId, dataUri: 'sha1://…', io });
 * window.addEventListener('message', (e) => { if (e.source === iframe.contentWindow) host.handleMessage(e.data); });
 */
export function createFigureHost(options: FigureHostOptions): FigureHost {
  const { figureId, io } = options;
  const limits = { ...defaultFigureHostLimits, ...options.limits };
  const budget = createRequestBudget({ perSecond: limits.requestsPerSecond, burst: limits.burst, now: io.now });
  const scope = createFigureUriScope();
  if (options.dataUri !== undefined) scope.add(options.dataUri);
  if (options.initialState !== undefined) scope.addNamedIn(JSON.stringify(options.initialState));
  let totalBytes = 0;
  let lastUrlStateAt = Number.NEGATIVE_INFINITY;

  const respond = (requestId: string, response: FigurlResponse | ErrorOnlyResponse, transfer?: ArrayBuffer[]) =>
    io.post({ type: 'figurlResponse', requestId, response } as MessageToChild, transfer);

  const loadChecked = async (uri: string, range: { startByte?: number | undefined; endByte?: number | undefined }) => {
    if (!scope.has(uri)) {
      throw new FigurlError('FORBIDDEN', `refused to load ${JSON.stringify(uri)}: this figure's data does not name it`);
    }
    const target = await followGitHubPointer(uri);
    let lastProgress = Number.NEGATIVE_INFINITY;
    const bytes = await io.load(target, {
      ...range,
      maxBytes: Math.min(limits.maxFileBytes, limits.maxTotalBytes - totalBytes),
      onProgress: (loaded, total) => {
        const now = io.now();
        if (now - lastProgress < progressIntervalMs) return;
        lastProgress = now;
        io.post({ type: 'fileDownloadProgress', uri, loaded, total });
      },
    });
    totalBytes += bytes.byteLength;
    const ranged = range.startByte !== undefined || range.endByte !== undefined;
    if (!ranged) await verifyWholeFile(target, bytes, io);
    return bytes;
  };

  // The `.uri` convention (figurl2): a `gh://…/x.uri` file holds the sha1:// URI of the content,
  // which is then loaded, and verified like any sha1 load.
  const followGitHubPointer = async (uri: string): Promise<string> => {
    if (!uri.startsWith('gh://') || !parseGitHubUri(uri).path.endsWith('.uri')) return uri;
    const text = new TextDecoder().decode(await io.load(uri, { maxBytes: maxPointerBytes })).trim();
    const hash = findSha1OfUri(text);
    if (hash === undefined) {
      throw new FigurlError(
        'INVALID_URI',
        `${uri} should hold a sha1:// URI, it holds ${JSON.stringify(text.slice(0, 80))}`,
      );
    }
    return `sha1://${hash}`;
  };

  // figurl-curation: only documents the figure names as curation://<id>, or that it created here.
  const queryCuration = async (query: unknown): Promise<CurationServiceResult> => {
    if (io.curation === undefined) {
      throw new FigurlError('UNAVAILABLE', `this shell offers no ${curationServiceName} service`);
    }
    const parsed = parseWith(curationServiceQuerySchema, query, `${curationServiceName} query`);
    if (parsed.op !== 'create' && !scope.has(toCurationUri(parsed.curationId))) {
      throw new FigurlError(
        'FORBIDDEN',
        `refused to ${parsed.op} curation ${parsed.curationId}: this figure does not name ${toCurationUri(parsed.curationId)}`,
      );
    }
    const result = await io.curation(parsed);
    if (parsed.op === 'create') scope.add(toCurationUri(result.curationId));
    return result;
  };

  const getFigureData = async (request: FigurlRequest & { type: 'getFigureData' }) => {
    const version = request.figurlProtocolVersion;
    if (version !== undefined && version !== 'p1') {
      throw new FigurlError(
        'INVALID_REQUEST',
        `unsupported figurl protocol version ${JSON.stringify(version)}: expected none (legacy) or "p1"`,
      );
    }
    if (options.dataUri === undefined) return {};
    const data = parseJson(options.dataUri, await loadChecked(options.dataUri, {}), scope);
    return version === 'p1' || !hasNdarrays(data) ? data : deserializeNdarrays(data);
  };

  const getFileData = async (request: FigurlRequest & { type: 'getFileData' }, requestId: string) => {
    const p1 = request.figurlProtocolVersion === 'p1';
    const responseType = request.responseType ?? (p1 ? 'json' : 'json-deserialized');
    if (p1 && responseType === 'json-deserialized') {
      throw new FigurlError('INVALID_REQUEST', 'responseType "json-deserialized" is legacy only: under p1 use "json"');
    }
    const ranged = request.startByte !== undefined || request.endByte !== undefined;
    if (ranged && (responseType === 'json' || responseType === 'json-deserialized')) {
      throw new FigurlError(
        'INVALID_REQUEST',
        `byte ranges are for responseType "text" or "binary", not ${JSON.stringify(responseType)}`,
      );
    }
    if (request.startByte !== undefined && request.endByte !== undefined && request.endByte < request.startByte) {
      throw new FigurlError(
        'INVALID_REQUEST',
        `invalid byte range ${request.startByte}-${request.endByte}: expected endByte >= startByte`,
      );
    }
    const bytes = await loadChecked(request.uri, { startByte: request.startByte, endByte: request.endByte });
    if (responseType === 'binary') {
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      respond(requestId, { type: 'getFileData', fileData: buffer }, [buffer]);
      return;
    }
    if (responseType === 'text') {
      const text = new TextDecoder().decode(bytes);
      scope.addNamedIn(text);
      respond(requestId, { type: 'getFileData', fileData: text });
      return;
    }
    const json = parseJson(request.uri, bytes, scope);
    const fileData = responseType === 'json-deserialized' && hasNdarrays(json) ? await deserializeNdarrays(json) : json;
    respond(requestId, { type: 'getFileData', fileData });
  };

  const handlers = async (request: FigurlRequest, requestId: string): Promise<void> => {
    switch (request.type) {
      case 'getFigureData':
        try {
          respond(requestId, { type: 'getFigureData', figureData: await getFigureData(request) });
        } catch (err) {
          // The legacy response has no error field: the user sees the error instead of a
          // plugin stuck at "waiting for data".
          io.onFigureError(toFigurlError(err));
        }
        return;
      case 'getFileData':
        return getFileData(request, requestId);
      case 'getFileDataUrl': {
        if (!scope.has(request.uri)) {
          throw new FigurlError(
            'FORBIDDEN',
            `refused to link ${JSON.stringify(request.uri)}: this figure's data does not name it`,
          );
        }
        respond(requestId, { type: 'getFileDataUrl', fileDataUrl: await io.fileDataUrl(request.uri) });
        return;
      }
      case 'storeFile': {
        if (request.uri !== undefined) {
          throw new FigurlError(
            'INVALID_REQUEST',
            `storeFile to ${JSON.stringify(request.uri)} is not supported: expected no uri (content-addressed storage)`,
          );
        }
        const uri = await io.storeFile(request.fileData);
        if (uri !== undefined) scope.add(uri);
        respond(requestId, uri === undefined ? { type: 'storeFile' } : { type: 'storeFile', uri });
        return;
      }
      case 'storeGithubFile':
        parseGitHubUri(request.uri);
        await io.storeGithubFile(request.uri, request.fileData);
        scope.add(request.uri);
        respond(requestId, { type: 'storeGithubFile', success: true });
        return;
      case 'setUrlState': {
        const now = io.now();
        io.setUrlState(request.state, { replace: now - lastUrlStateAt < urlStateCoalesceMs });
        lastUrlStateAt = now;
        respond(requestId, { type: 'setUrlState' });
        io.post({ type: 'reportUrlStateChange', state: request.state });
        return;
      }
      case 'serviceQuery': {
        if (request.serviceName !== curationServiceName) {
          respond(requestId, { type: 'serviceQuery', errorMessage: rtcshareError });
          return;
        }
        try {
          respond(requestId, { type: 'serviceQuery', result: await queryCuration(request.query) });
        } catch (err) {
          // The code leads, so a plugin tells a stale version (CONFLICT) from a refusal.
          const error = toFigurlError(err);
          respond(requestId, { type: 'serviceQuery', errorMessage: `${error.code}: ${error.message}` });
        }
        return;
      }
      case 'readDir':
        respond(requestId, { type: 'readDir', errorMessage: rtcshareError });
        return;
      case 'postMessageToParent':
        io.postMessageToParent(request.message);
        respond(requestId, { type: 'postMessageToParent' });
        return;
    }
  };

  const handleRequest = (requestId: string, raw: { type: string }) => {
    if (!(figurlRequestTypes as string[]).includes(raw.type)) {
      respond(requestId, {
        type: raw.type,
        errorMessage: `unknown request type ${JSON.stringify(raw.type)}: expected one of ${figurlRequestTypes.join(', ')}`,
      });
      return;
    }
    if (!budget.take()) {
      respondError(
        requestId,
        raw.type,
        new FigurlError('RATE_LIMITED', 'too many requests from this figure: slow down'),
      );
      return;
    }
    const parsed = figurlRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      respondError(
        requestId,
        raw.type,
        new FigurlError(
          'INVALID_REQUEST',
          `invalid ${raw.type} request: ${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}`,
        ),
      );
      return;
    }
    handlers(parsed.data, requestId).catch((err: unknown) => {
      const error = toFigurlError(err);
      if (error.code === 'HASH_MISMATCH') io.onFigureError(error);
      respondError(requestId, raw.type, error);
    });
  };

  const respondError = (requestId: string, type: string, error: FigurlError) => {
    const message = error.message;
    switch (type) {
      case 'getFileData':
      case 'getFileDataUrl':
      case 'serviceQuery':
      case 'readDir':
        respond(requestId, { type, errorMessage: message } as FigurlResponse);
        return;
      case 'storeFile':
        respond(requestId, { type: 'storeFile', error: message });
        return;
      case 'storeGithubFile':
        respond(requestId, { type: 'storeGithubFile', success: false, error: message });
        return;
      default:
        // getFigureData, setUrlState and postMessageToParent have no error field: an answer
        // the plugin would accept would be a lie, so the user is told instead.
        io.onFigureError(error);
    }
  };

  return {
    handleMessage(data) {
      if (data === null || typeof data !== 'object') return false;
      const record = data as Record<string, unknown>;
      if (record.figureId !== figureId) return false;
      if (record.type === 'figurlRequest') {
        const envelope = figurlRequestMessageSchema.safeParse(data);
        if (envelope.success) handleRequest(envelope.data.requestId, envelope.data.request);
      }
      // messageToBackend (Jupyter/Electron hosts) and anything else: this figure's, ignored.
      return true;
    },
    reportUrlStateChange(state) {
      io.post({ type: 'reportUrlStateChange', state });
    },
    setCurrentUser(userId) {
      io.post(userId === undefined ? { type: 'setCurrentUser' } : { type: 'setCurrentUser', userId });
    },
    forwardMessageToFrontend(message) {
      io.post({ type: 'messageToFrontend', message });
    },
  };
}

/** An answer to a request type the protocol does not have: the type and an error message. */
interface ErrorOnlyResponse {
  type: string;
  errorMessage: string;
}

async function verifyWholeFile(uri: string, bytes: Uint8Array, io: FigureHostIo): Promise<void> {
  const expected = findSha1OfUri(uri);
  if (expected === undefined) return;
  const actual = await io.sha1(bytes);
  if (actual !== expected) {
    throw new FigurlError(
      'HASH_MISMATCH',
      `the data of ${uri} does not match its hash: expected sha1 ${expected}, the ${bytes.byteLength} bytes received hash to ${actual}`,
    );
  }
}

/** JSON of a loaded file; the URIs its text names join the figure's scope. */
function parseJson(uri: string, bytes: Uint8Array, scope: FigureUriScope): unknown {
  const text = new TextDecoder().decode(bytes);
  scope.addNamedIn(text);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `the data of ${uri} is not JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
}

function toFigurlError(err: unknown): FigurlError {
  if (isFigurlError(err)) return err;
  return new FigurlError('INTERNAL', err instanceof Error ? err.message : String(err), { cause: err });
}
