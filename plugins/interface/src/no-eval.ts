/**
 * Import this first in a plugin's entry module, before anything that loads zod (the protocol
 * schemas do). zod tests whether it may compile parsers with `Function('')` when a schema is
 * built, at import time; under a Content-Security-Policy without 'unsafe-eval' that test is
 * refused and files a violation report on every page load (and to any report-uri). Turning
 * zod's JIT off (`jitless`, through the global config zod reads when it loads) skips the test;
 * protocol messages are small, so interpreting them costs nothing noticeable.
 *
 * This module's only job is that side effect, so it is opt-in and the library's other modules
 * do nothing at import time.
 *
 * @example
 * // src/main.tsx
 * import '@figurl/plugin-interface/no-eval';
 * import { startFigurlBridge } from '@figurl/plugin-interface';
 */
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
// In place: zod keeps a reference to this object once it has loaded.
holder.__zod_globalConfig ??= {};
holder.__zod_globalConfig.jitless = true;
