'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';

/** Tabs of the shell tell each other on this channel that sign-in changed. */
export const authChannelName = 'figurl-auth';
// Set by the GitHub callback for the page it lands on (lib/auth-handlers.ts).
const authChangedCookie = 'figurl_auth_changed';

export interface SignInStatusProps {
  /** Who is signed in, as the server saw it when rendering; never the token. */
  login: string | null;
  /** Called when sign-in changes in this tab or another (the figure page tells its plugin). */
  onLoginChange?: ((login: string | null) => void) | undefined;
}

/**
 * Tells the shell's other tabs that sign-in changed. The message carries nothing: each tab
 * asks the server (`/api/auth/me`) who is signed in now.
 */
export function broadcastAuthChange(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(authChannelName);
  channel.postMessage({ type: 'auth-changed' });
  channel.close();
}

/**
 * The login with a "Sign out" button, or a "Sign in" link that comes back to this page. Keeps
 * itself current when another tab signs in or out.
 */
export function SignInStatus({ login: initialLogin, onLoginChange }: SignInStatusProps) {
  const router = useRouter();
  const [login, setLogin] = useState(initialLogin);
  const [signInHref, setSignInHref] = useState('/sign-in');
  const [busy, setBusy] = useState(false);

  // A ref, so a new callback on each render of the parent does not reopen the channel.
  const onChange = useRef(onLoginChange);
  onChange.current = onLoginChange;

  useEffect(() => setLogin(initialLogin), [initialLogin]);

  const changeTo = useCallback(
    (next: string | null) => {
      setLogin(next);
      onChange.current?.(next);
      router.refresh();
    },
    [router],
  );

  useEffect(() => {
    setSignInHref(`/sign-in?returnTo=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    if (document.cookie.split(';').some((part) => part.trim().startsWith(`${authChangedCookie}=`))) {
      // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from Safari and older Firefox.
      document.cookie = `${authChangedCookie}=; Path=/; Max-Age=0; SameSite=Lax`;
      broadcastAuthChange();
    }
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(authChannelName);
    channel.onmessage = async () => {
      const response = await fetch('/api/auth/me', { cache: 'no-store' }).catch(() => undefined);
      if (!response?.ok) return;
      const body: unknown = await response.json();
      const next =
        typeof body === 'object' && body !== null && 'login' in body && typeof body.login === 'string'
          ? body.login
          : null;
      changeTo(next);
    };
    return () => channel.close();
  }, [changeTo]);

  async function signOut() {
    setBusy(true);
    try {
      const response = await fetch('/api/auth/logout', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      if (response.ok) {
        broadcastAuthChange();
        changeTo(null);
      }
    } finally {
      setBusy(false);
    }
  }

  if (login === null) {
    return (
      <a href={signInHref} data-figurl-sign-in>
        Sign in
      </a>
    );
  }
  return (
    <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
      <span title="Signed in with GitHub" data-figurl-login={login}>
        {login}
      </span>
      <button
        type="button"
        onClick={signOut}
        disabled={busy}
        style={{ background: 'none', border: 'none', padding: 0, color: 'var(--accent)' }}
      >
        Sign out
      </button>
    </span>
  );
}
