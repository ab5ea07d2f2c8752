/** Where a browser reads a blob's bytes: the zone's `GET /sha1/<hash>`, in the figURL's zone. */
export function blobUrl(zoneUrl: string, sha1: string, zone: string | undefined): string {
  return `${zoneUrl}/sha1/${sha1}${zone === undefined ? '' : `?zone=${encodeURIComponent(zone)}`}`;
}
