import type { SignedUrlResponse } from '@figurl/sdk';
import type { ZoneContext } from '../zone-context.js';
import { signBlobUrl } from './blob-url-signature.js';

/**
 * A download link for `hash` that works without credentials until it expires:
 * `<base>/sha1/<hash>?[zone=<zone>&]expires=<unix s>&signature=<hmac>`. Only for actors who may
 * read the blob now: the caller checks that first.
 *
 * @example
 * const { url } = createSignedBlobUrl(context, { baseUrl, hash, zone: 'default', expiresInSeconds: 3600 });
 */
export function createSignedBlobUrl(
  context: Pick<ZoneContext, 'urlSecret' | 'now'>,
  input: { baseUrl: string; hash: string; zone: string; expiresInSeconds: number },
): SignedUrlResponse {
  const expires = Math.floor(context.now().getTime() / 1000) + input.expiresInSeconds;
  const signature = signBlobUrl(context.urlSecret, { hash: input.hash, zone: input.zone, expires });
  const zone = input.zone === 'default' ? '' : `zone=${encodeURIComponent(input.zone)}&`;
  return {
    url: `${input.baseUrl}/sha1/${input.hash}?${zone}expires=${expires}&signature=${signature}`,
    expiresAt: new Date(expires * 1000).toISOString(),
  };
}
