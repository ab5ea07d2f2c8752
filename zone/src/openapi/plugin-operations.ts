import { z } from 'zod';
import type { Operation } from './operation.js';

const pluginListSchema = z.object({
  plugins: z.array(
    z.object({ name: z.string(), title: z.string(), description: z.string(), aliases: z.array(z.string()) }),
  ),
});
const pluginFileParamsSchema = z.object({ name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/) });

/** The plugin host (routes/plugins.ts): our plugins' static bundles, each with a CSP. */
export const pluginOperations: Operation[] = [
  {
    method: 'GET',
    path: '/plugins/index.json',
    operationId: 'listPlugins',
    tag: 'plugins',
    summary: 'The plugins this host serves (the shell resolves short names and aliases from it)',
    authenticated: false,
    responses: { 200: { description: 'the installed plugins', json: pluginListSchema } },
    errors: {},
  },
  {
    method: 'GET',
    path: '/plugins/{name}/*',
    operationId: 'getPluginFile',
    tag: 'plugins',
    summary: "A file of a plugin's bundle (index.html, assets/…), with a Content-Security-Policy",
    description:
      'Scripts only from this host (no inline scripts, no eval unless the manifest asks), framed only by the configured shells (FIGURL_SHELL_URL, FIGURL_SHELL_ORIGINS).',
    params: pluginFileParamsSchema,
    parameterNotes: { name: 'the plugin; the rest of the path names the file in its bundle' },
    authenticated: false,
    responses: {
      200: {
        description: 'the file',
        content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
      },
    },
    errors: { NOT_FOUND: 'no such plugin or file' },
  },
];
