/**
 * Size caps applied before any other parsing, so hostile input costs at most one linear scan.
 *
 * 8 KiB covers every real sha1/gh/zenodo/plugin URI with a wide margin. `data:` URIs carry the
 * figure itself (`d=data:application/json;base64,…`), so they get Chromium's 2 MiB URL limit:
 * anything longer could not have travelled in a figURL anyway.
 *
 * @example
 * if (text.length > uriLimits.maxLength) showError('URI too long');
 */
export const uriLimits = {
  maxLength: 8 * 1024,
  maxDataUriLength: 2 * 1024 * 1024,
} as const;
