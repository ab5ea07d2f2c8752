// The decoders the bench page runs, bundled for the browser by esbuild: the sortingview plugin's
// (typed arrays, in place) and the legacy one (nested arrays, what the original parent page did).
import { decodeNdarraysInPlace, deserializeNdarrays } from '../../sdk/src/protocol/index.js';

Object.assign(globalThis, { decodeNdarraysInPlace, deserializeNdarrays });
