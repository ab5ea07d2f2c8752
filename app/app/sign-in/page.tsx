import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ErrorPanel } from '../../components/error-panel';
import { SiteHeader } from '../../components/site-header';
import { TokenSignInForm } from '../../components/token-sign-in-form';
import type { SignInErrorKind } from '../../lib/auth-handlers';
import { getSession } from '../../lib/session';
import { getShellConfig } from '../../lib/shell-config';
import { toSafeReturnTo } from '../../lib/to-safe-return-to';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in · figurl' };

type SearchParams = Record<string, string | string[] | undefined>;

const errors: Record<SignInErrorKind, { title: string; message: string; advice: string }> = {
  denied: {
    title: 'Sign-in cancelled',
    message: 'GitHub says access was not granted to figurl.',
    advice: 'Sign in again below when you are ready, or paste a token instead.',
  },
  state: {
    title: 'Sign-in could not be checked',
    message: 'This sign-in was not started in this browser, or it took longer than 10 minutes.',
    advice: 'Start again with the button below.',
  },
  code: {
    title: 'GitHub did not accept the sign-in',
    message: 'The code GitHub sent back was refused: it may have been used already or have expired.',
    advice: 'Start again with the button below.',
  },
  github: {
    title: 'GitHub reported a problem',
    message: 'GitHub sent the sign-in back with an error.',
    advice: 'Try again; if it keeps failing, the shell’s GitHub app settings may need fixing (see below).',
  },
  unavailable: {
    title: 'GitHub could not be reached',
    message: 'The shell could not reach GitHub to finish signing in.',
    advice: 'Try again in a moment.',
  },
  'not-configured': {
    title: 'GitHub sign-in is not set up',
    message: 'This shell has no GitHub app (GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET are not set).',
    advice: 'You can still sign in by pasting a token below.',
  },
};

/**
 * `/sign-in?returnTo=/f?…[&error=<kind>]`: GitHub sign-in (when the shell has a GitHub app) and a
 * pasted-token form; explains a failed sign-in when GitHub sent the browser back with an error.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const returnTo = toSafeReturnTo(first(params.returnTo));
  const errorKind = first(params.error);
  const error =
    errorKind !== undefined && Object.hasOwn(errors, errorKind) ? errors[errorKind as SignInErrorKind] : null;
  const config = getShellConfig();
  const session = await getSession();
  const oauthReady = config.github.clientId !== undefined && config.github.clientSecret !== undefined;

  return (
    <>
      <SiteHeader login={session?.login ?? null} />
      {error === null ? null : (
        <ErrorPanel
          kind={`sign-in-${errorKind}`}
          title={error.title}
          message={error.message}
          advice={<p style={{ margin: 0 }}>{error.advice}</p>}
        />
      )}
      <main style={{ maxWidth: 720, margin: '0 auto', padding: '32px 24px', lineHeight: 1.5 }}>
        <h1 style={{ fontSize: 28, margin: '0 0 8px' }}>Sign in</h1>
        {session === undefined ? null : (
          <p>
            You are signed in as <strong>{session.login}</strong>. Signing in again replaces that.
          </p>
        )}
        <p style={{ color: 'var(--muted)' }}>
          Viewing figures needs no account. Sign in with GitHub to read figure data in private repositories and to save
          curations to GitHub. Your token is kept on this shell’s server in an encrypted session cookie that scripts
          cannot read; it is never stored in your browser’s storage and never handed to a figure’s plugin, which only
          learns your login.
        </p>

        {oauthReady ? (
          <Section title="Sign in with GitHub">
            <form method="get" action="/api/auth/github/login" style={{ display: 'grid', gap: 12 }}>
              <input type="hidden" name="returnTo" value={returnTo} />
              <label style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
                <input type="checkbox" name="write" value="1" />
                <span>
                  Allow writing to repositories (GitHub scope <code>repo</code>: needed to save curations to GitHub, and
                  to read private repositories)
                </span>
              </label>
              <div>
                <button type="submit">Sign in with GitHub</button>
              </div>
            </form>
          </Section>
        ) : null}

        <Section title={oauthReady ? 'Or paste a token' : 'Sign in with a GitHub token'}>
          <p>
            Create a{' '}
            <a href={`${config.github.url}/settings/personal-access-tokens/new`} rel="noreferrer" target="_blank">
              fine-grained personal access token
            </a>{' '}
            with read and write access to the contents of the repositories you use, or a{' '}
            <a
              href={`${config.github.url}/settings/tokens/new?scopes=repo&description=figurl`}
              rel="noreferrer"
              target="_blank"
            >
              classic token
            </a>{' '}
            with the <code>repo</code> scope, and paste it here.
          </p>
          <TokenSignInForm returnTo={returnTo} />
        </Section>

        {errorKind === 'github' ? (
          <p style={{ color: 'var(--muted)', marginTop: 32 }}>
            For the shell’s administrator: the GitHub app’s callback URL must be{' '}
            <code>{`${config.shellUrl}/github/auth`}</code>.
          </p>
        ) : null}
      </main>
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section style={{ marginTop: 28 }}>
      <h2 style={{ fontSize: 18, margin: '0 0 12px' }}>{title}</h2>
      {children}
    </section>
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
