/**
 * URI schemes of earlier kachery/figurl generations. figurl recognises them so it can say why
 * they fail instead of calling them malformed, but resolves none of them: their services (IPFS
 * via Filebase, access-group decryption, feeds, jot.figurl.org) are gone.
 *
 * @example
 * legacyUriSchemes['jot']; // 'jot.figurl.org mutable pointers, figurl2'
 */
export const legacyUriSchemes: Readonly<Record<string, string>> = {
  ipfs: 'IPFS content ids, kachery-cloud 0.1-0.2',
  'sha1-enc': 'encrypted sha1 URIs of kachery-cloud 0.2-0.3 access groups',
  'kachery-feed': 'kachery-cloud feeds, removed in 2023',
  feed: 'kachery-p2p signed subfeeds',
  jot: 'jot.figurl.org mutable pointers, figurl2',
  sha1dir: 'kachery directory snapshots',
};
