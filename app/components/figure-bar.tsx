'use client';

import { findSha1OfUri } from '@figurl/sdk';
import { useState } from 'react';
import { blobUrl } from '../lib/blob-url';

export interface FigureBarProps {
  label: string | undefined;
  dataUri: string | undefined;
  view: string;
  zoneUrl: string;
  zone: string | undefined;
  login: string | null;
}

/**
 * The slim bar above a figure: its label, copy link, a link to the data, and who is signed in.
 * Hidden with `hide=1`, and by CSS on windows under 400 px tall (figurl's rule).
 */
export function FigureBar({ label, dataUri, zoneUrl, zone, login }: FigureBarProps) {
  const [copied, setCopied] = useState(false);
  const sha1 = findSha1OfUri(dataUri);
  const copy = async () => {
    await navigator.clipboard?.writeText(window.location.href).catch(() => undefined);
    setCopied(true);
    window.setTimeout(() => setCopied(false), 1500);
  };
  return (
    <header className="figurl-bar" data-figurl-bar>
      <style>{`.figurl-bar{display:flex;align-items:center;gap:12px;height:40px;padding:0 12px;background:var(--bar);border-bottom:1px solid var(--border);font-size:14px;flex:none}
.figurl-bar .label{flex:1;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-weight:600}
.figurl-bar button,.figurl-bar a.action{background:none;border:1px solid var(--border);border-radius:6px;padding:2px 10px;color:var(--fg);text-decoration:none;font-size:13px}
@media (max-height:400px){.figurl-bar{display:none}}`}</style>
      <a href="/" style={{ fontWeight: 700, textDecoration: 'none' }}>
        figurl
      </a>
      <span className="label" title={label}>
        {label ?? ''}
      </span>
      <button type="button" onClick={copy} data-figurl-copy-link>
        {copied ? 'Copied' : 'Copy link'}
      </button>
      {sha1 === undefined ? null : (
        <a className="action" href={blobUrl(zoneUrl, sha1, zone)} target="_blank" rel="noreferrer">
          Data
        </a>
      )}
      {login === null ? (
        <a className="action" href="/sign-in" data-figurl-sign-in>
          Sign in
        </a>
      ) : (
        <span data-figurl-login>{login}</span>
      )}
    </header>
  );
}
