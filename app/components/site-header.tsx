import { SignInStatus } from './sign-in-status';

/** The bar of the shell's own pages (home, sign-in): the name, and who is signed in. */
export function SiteHeader({ login }: { login: string | null }) {
  return (
    <header
      style={{
        display: 'flex',
        justifyContent: 'space-between',
        alignItems: 'center',
        padding: '10px 24px',
        background: 'var(--bar)',
        borderBottom: '1px solid var(--border)',
      }}
    >
      <a href="/" style={{ fontWeight: 600, color: 'var(--fg)', textDecoration: 'none' }}>
        figurl
      </a>
      <SignInStatus login={login} />
    </header>
  );
}
