export { type CanonicalJsonValue, canonicalJson, compareCodePoints } from './canonical-json.js';
export { parseJsonPreservingNumbers } from './parse-json-preserving-numbers.js';
export { PythonFloat } from './python-float.js';
export { pythonFloatRepr } from './python-float-repr.js';
