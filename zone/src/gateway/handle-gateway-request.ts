import {
  defaultSignedUrlSeconds,
  FigurlError,
  type GatewayEnvelope,
  type GatewayResponse,
  gatewayResponseSchema,
  sha1ObjectKey,
} from '@figurl/sdk';
import { assertMayReadBlobs } from '../auth/assert-may-read-blobs.js';
import { type Actor, anonymous, authorize } from '../auth/authorize.js';
import { createSignedBlobUrl } from '../auth/create-signed-blob-url.js';
import { finalizeUpload } from '../storage/finalize-upload.js';
import { initiateUpload } from '../storage/initiate-upload.js';
import type { ZoneContext } from '../zone-context.js';

/**
 * Answers one verified kachery-gateway request with exactly the fields of the reference
 * (kachery-zone-protocol.md §2.2), so the kachery-cloud 0.4 Python client works unchanged.
 */
export async function handleGatewayRequest(
  context: ZoneContext,
  input: { envelope: GatewayEnvelope; signed: boolean; baseUrl: string },
): Promise<GatewayResponse> {
  const { payload } = input.envelope;
  if (payload.type === 'getZoneInfo') {
    return respond({
      type: 'getZoneInfo',
      found: (await context.identities.findZone(payload.zoneName)) !== null,
      kacheryGatewayUrl: input.baseUrl,
    });
  }
  const zoneName = payload.zone ?? 'default';
  const actor = await actorOf(context, input.envelope, zoneName);
  switch (payload.type) {
    case 'findFile': {
      await authorize(context.identities, actor, zoneName, 'download');
      const blob = await context.storage.blobs.find(payload.hash);
      if (!blob) return respond({ type: 'findFile', found: false });
      // The Python client and the shell GET the url with no credentials: a private figure's blob
      // gets a signed link, made only for those who may read it.
      const { restricted } = await assertMayReadBlobs(context, actor, [payload.hash]);
      const url = restricted
        ? createSignedBlobUrl(context, {
            baseUrl: input.baseUrl,
            hash: payload.hash,
            zone: zoneName,
            expiresInSeconds: defaultSignedUrlSeconds,
          }).url
        : `${input.baseUrl}/sha1/${payload.hash}${zoneName === 'default' ? '' : `?zone=${encodeURIComponent(zoneName)}`}`;
      return respond({
        type: 'findFile',
        found: true,
        size: blob.size,
        url,
        objectKey: sha1ObjectKey(payload.hash),
        cacheHit: false,
      });
    }
    case 'initiateFileUpload': {
      requireSigned(input.signed, payload.type);
      await authorize(context.identities, actor, zoneName, 'upload');
      const result = await initiateUpload(context.storage, {
        zoneName,
        sha1: payload.hash,
        size: payload.size,
        userId: actor.userId,
        clientId: input.envelope.fromClientId,
      });
      if (result.status === 'exists') return respond({ type: 'initiateFileUpload', alreadyExists: true });
      return respond({
        type: 'initiateFileUpload',
        alreadyExists: false,
        alreadyPending: false,
        objectKey: result.stagingKey,
        signedUploadUrl: result.presignedUrl ?? `${input.baseUrl}/api/v1/uploads/${result.uploadId}`,
      });
    }
    case 'finalizeFileUpload': {
      requireSigned(input.signed, payload.type);
      await authorize(context.identities, actor, zoneName, 'upload');
      const upload = await context.storage.uploads.findByStagingKey(payload.objectKey);
      if (!upload || upload.zoneName !== zoneName || upload.sha1 !== payload.hash || upload.size !== payload.size) {
        throw new FigurlError(
          'INVALID_REQUEST',
          `no upload of sha1 ${payload.hash} (${payload.size} bytes) in zone "${zoneName}" has objectKey ${JSON.stringify(payload.objectKey)}: expected the objectKey initiateFileUpload returned`,
        );
      }
      await finalizeUpload(context.storage, upload.id);
      return respond({ type: 'finalizeFileUpload' });
    }
    case 'getClientInfo': {
      const client = await context.identities.findClient(zoneName, payload.clientId);
      if (!client) return respond({ type: 'getClientInfo', found: false });
      return respond({
        type: 'getClientInfo',
        found: true,
        client: {
          clientId: client.clientId,
          ownerId: client.ownerId,
          timestampCreated: client.createdAt.getTime(),
          label: client.label,
        },
      });
    }
    case 'deleteFile':
      // Disabled in the original gateway too: content-addressed bytes are shared by every link to them.
      return respond({ type: 'deleteFile', success: false, error: 'This operation has been disabled' });
    case 'getResourceInfo':
      return respond({ type: 'getResourceInfo', found: false });
  }
}

async function actorOf(context: ZoneContext, envelope: GatewayEnvelope, zoneName: string): Promise<Actor> {
  if (envelope.githubUserId !== undefined || envelope.githubAccessToken !== undefined) {
    throw new FigurlError(
      'UNAUTHORIZED',
      'GitHub-token requests are not accepted by this zone yet: expected a signed request from a registered client',
    );
  }
  if (envelope.fromClientId === undefined) return anonymous;
  const client = await context.identities.findClient(zoneName, envelope.fromClientId);
  // An unregistered key is anonymous: enough for public zones, refused with a clear message elsewhere.
  if (!client) return { userId: 'anonymous', via: 'anonymous', clientId: envelope.fromClientId };
  return { userId: client.ownerId, via: 'client', clientId: client.clientId };
}

function requireSigned(signed: boolean, type: string): void {
  if (!signed)
    throw new FigurlError('UNAUTHORIZED', `${type} needs a signed request: expected fromClientId and signature`);
}

function respond(response: GatewayResponse): GatewayResponse {
  // The schema is strict: a field the Python client does not expect can never slip out.
  return gatewayResponseSchema.parse(response);
}
