import {
  assertViewUri,
  decodeDataUri,
  FigurlError,
  type FigurlUri,
  parseUri,
  type RegisterFigureResponse,
  type registerFigureRequestSchema,
} from '@figurl/sdk';
import type { z } from 'zod';
import { assertMayReadBlobs } from '../auth/assert-may-read-blobs.js';
import type { Actor } from '../auth/authorize.js';
import type { ZoneContext } from '../zone-context.js';
import { collectBlobRefs } from './collect-blob-refs.js';

const dataKinds = new Set(['sha1', 'kachery', 'gh', 'zenodo', 'data', 'http']);

/**
 * Records a figURL for `actor`: checks both URIs with the sdk (the view may also be a plugin name
 * such as `vegalite`), requires a `sha1://` data blob to be in the zone (unless
 * `requireData: false`), refuses data the actor may not read
 * (registering must not open up someone else's private blobs), and stores the figure with a
 * blob ref for every blob its data reaches.
 *
 * @example
 * const { figure } = await registerFigure(context, { zoneName, actor, request: body });
 */
export async function registerFigure(
  context: ZoneContext,
  input: { zoneName: string; actor: Actor; request: z.output<typeof registerFigureRequestSchema> },
): Promise<RegisterFigureResponse> {
  const { request, actor } = input;
  assertViewUri(request.viewUri);
  const data = checkKind(
    parseUri(request.dataUri),
    request.dataUri,
    dataKinds,
    'a data URI (sha1://, kachery:, gh://, zenodo://, data: or http(s)://)',
  );
  if (request.private && actor.via === 'anonymous') {
    throw new FigurlError(
      'UNAUTHORIZED',
      'a private figure needs an owner who signs in: expected a bearer token (anonymous figures are public)',
    );
  }
  const now = context.now();
  const expiresAt = request.expiresAt === undefined ? null : new Date(request.expiresAt);
  if (expiresAt !== null && expiresAt <= now) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid figure: expiresAt ${JSON.stringify(request.expiresAt)} has passed: expected a time after ${now.toISOString()}`,
    );
  }

  const dataSha1 = data.kind === 'sha1' || data.kind === 'kachery' ? data.hash : null;
  if (dataSha1 !== null && request.requireData !== false && !(await context.storage.blobs.find(dataSha1))) {
    throw new FigurlError(
      'NOT_FOUND',
      `no blob sha1://${dataSha1} in this zone: expected the figure data to be stored first (figurl store <file>), or "requireData": false`,
    );
  }
  const { refs, complete } = await collectBlobRefs(context.storage, {
    roots: dataSha1 === null ? [] : [dataSha1],
    ...(data.kind === 'data' ? { inline: inlineJson(data) } : {}),
  });
  await assertMayReadBlobs(context, actor, refs);

  const figure = await context.figures.create(
    {
      zoneName: input.zoneName,
      viewUri: request.viewUri,
      dataUri: request.dataUri,
      dataSha1,
      label: request.label,
      ownerId: actor.userId,
      repo: request.repo ?? null,
      pullRequest: request.pullRequest ?? null,
      commitSha: request.commitSha ?? null,
      checkName: request.checkName ?? null,
      pinned: request.pinned ?? false,
      private: request.private ?? false,
      allowedUsers: request.allowedUsers ?? [],
      expiresAt,
      createdAt: now,
    },
    refs,
    { requireSha1: dataSha1 !== null && request.requireData !== false ? dataSha1 : undefined },
  );
  return { figure, blobRefs: { count: refs.length, complete } };
}

function checkKind(uri: FigurlUri, text: string, kinds: Set<string>, expected: string): FigurlUri {
  if (kinds.has(uri.kind)) return uri;
  throw new FigurlError('INVALID_URI', `invalid URI ${JSON.stringify(text)}: a ${uri.kind} URI; expected ${expected}`);
}

/** The JSON a `data:` URI carries, or undefined when it carries something else. */
function inlineJson(uri: FigurlUri): unknown {
  if (uri.kind !== 'data') return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(decodeDataUri(uri)));
  } catch {
    return undefined;
  }
}
