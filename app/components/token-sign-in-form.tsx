'use client';

import { type FormEvent, useState } from 'react';
import { broadcastAuthChange } from './sign-in-status';

export interface TokenSignInFormProps {
  /** Where to go once signed in: a path on this shell. */
  returnTo: string;
}

/** Sign-in with a pasted GitHub token, sent once to the shell's server and kept there. */
export function TokenSignInForm({ returnTo }: TokenSignInFormProps) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/api/auth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      if (response.ok) {
        setToken('');
        broadcastAuthChange();
        window.location.assign(returnTo);
        return;
      }
      const body: unknown = await response.json().catch(() => undefined);
      setError(
        typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string'
          ? body.message
          : `sign-in failed (HTTP ${response.status})`,
      );
    } catch {
      setError('the shell could not be reached: check your connection and try again');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} style={{ display: 'grid', gap: 8, maxWidth: 520 }}>
      <label htmlFor="figurl-token">GitHub token</label>
      <input
        id="figurl-token"
        type="password"
        autoComplete="off"
        spellCheck={false}
        required
        value={token}
        onChange={(event) => setToken(event.target.value)}
        placeholder="github_pat_… or ghp_…"
        style={{ font: 'inherit', padding: '6px 8px', border: '1px solid var(--border)', borderRadius: 6 }}
      />
      <div>
        <button type="submit" disabled={busy || token.trim() === ''}>
          {busy ? 'Checking…' : 'Sign in with token'}
        </button>
      </div>
      {error === null ? null : (
        <p role="alert" style={{ color: 'var(--danger)', margin: 0 }}>
          {error}
        </p>
      )}
    </form>
  );
}
