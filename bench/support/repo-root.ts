import { fileURLToPath } from 'node:url';

/** The monorepo's root folder: where `zone/dist/start.mjs` and `sdk/bin/figurl.js` live. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
