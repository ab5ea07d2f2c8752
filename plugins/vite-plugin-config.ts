import { defineConfig, type UserConfig } from 'vite';

/**
 * The Vite config every figurl plugin shares: relative asset paths (`base: './'`, so a bundle
 * works from any sub-path, as figurl's CRA plugins did with `"homepage": "./"`), output in
 * `dist/`, React's automatic JSX runtime, no inline scripts (plugin frames may run under a CSP),
 * and a dev server on loopback (`v=http://127.0.0.1:<port>` in the shell).
 */
export function createPluginViteConfig(overrides: UserConfig = {}): UserConfig {
  return defineConfig({
    base: './',
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      // Keep every script an external file: an inline script would need 'unsafe-inline'.
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 5000,
    },
    server: { host: '127.0.0.1' },
    preview: { host: '127.0.0.1' },
    ...overrides,
  });
}
