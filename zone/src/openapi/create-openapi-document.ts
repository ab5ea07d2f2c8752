import { errorBodySchema } from '@figurl/sdk';
import { buildPaths } from './build-paths.js';
import { curationOperations } from './curation-operations.js';
import { edgeOperations } from './edge-operations.js';
import { feedOperations } from './feed-operations.js';
import { figureOperations } from './figure-operations.js';
import { gatewayOperations } from './gateway-operations.js';
import { githubOperations } from './github-operations.js';
import { healthOperations } from './health-operations.js';
import { mutableOperations } from './mutable-operations.js';
import type { Operation } from './operation.js';
import { pinOperations } from './pin-operations.js';
import { pluginOperations } from './plugin-operations.js';
import { storageOperations } from './storage-operations.js';
import { toJsonSchema } from './to-json-schema.js';

/**
 * Every route the zone registers, one table per area. A route added to the app without a row
 * here fails test/integration/zone/openapi.test.ts.
 */
export const zoneOperations: readonly Operation[] = [
  ...healthOperations,
  ...storageOperations,
  ...gatewayOperations,
  ...figureOperations,
  ...pinOperations,
  ...feedOperations,
  ...curationOperations,
  ...githubOperations,
  ...mutableOperations,
  ...edgeOperations,
  ...pluginOperations,
];

const tags = [
  { name: 'health', description: 'probes and this document' },
  { name: 'uploads', description: 'initiate → one streaming PUT → finalize (docs/protocol.md §5)' },
  { name: 'blobs', description: 'downloads and signed links (§5, §7)' },
  { name: 'usage', description: 'traffic counters for zone admins (§5)' },
  { name: 'kachery-gateway', description: 'the dialect of kachery-cloud 0.4 (§4)' },
  { name: 'figures', description: 'the figures registry (§6)' },
  { name: 'pins', description: 'what keeps a blob from the collector (§10)' },
  { name: 'feeds', description: 'append-only logs with live delivery (§8)' },
  { name: 'curations', description: 'curation documents and the outbox (§9)' },
  { name: 'github', description: 'what the zone knows of the figurl GitHub App (§5)' },
  { name: 'mutables', description: 'versioned values with compare-and-swap (§12)' },
  { name: 'edge', description: 'edge resources: figurl share (§11)' },
  { name: 'plugins', description: 'the plugin host: static plugin bundles for the shell (§13)' },
];

/**
 * The zone's API as an OpenAPI 3.1 document, built from the sdk's zod schemas (requests as the
 * zone reads them, responses as it writes them).
 *
 * @example
 * const document = createOpenApiDocument({ version: '0.1.0' });
 * document.paths['/api/v1/feeds'].post.summary; // 'Create a feed; the caller owns it'
 */
export function createOpenApiDocument(options: { version: string }) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'figurl zone',
      version: options.version,
      description:
        'Verified content-addressed storage, feeds, curations, mutables and the figures registry; see ' +
        'docs/protocol.md. Every error is `{statusCode, code, error, message}`.',
    },
    tags,
    // A bearer token, or none: what an anonymous request may do depends on the zone's switches.
    security: [{}, { bearerToken: [] }],
    paths: buildPaths(zoneOperations),
    components: {
      schemas: { ErrorBody: toJsonSchema(errorBodySchema, 'output') },
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'a zone token (`figurl zone token create`), scoped upload, download, admin or delegate (may send X-Figurl-Acting-For)',
        },
      },
    },
  };
}
