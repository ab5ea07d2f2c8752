import type { BrowserContext } from 'playwright-core';

/**
 * Signs a browser context in to the shell the way a person pasting a personal access token does
 * (the sign-in page's `POST /api/auth/token`), and answers what the shell said and the session
 * cookie it set. Callers assert on both.
 *
 * @example
 * const { answer, cookie } = await signInWithToken(context, stack.shellUrl, token);
 * expect(answer).toEqual({ status: 200, body: { login: 'alice' } });
 */
export async function signInWithToken(
  context: BrowserContext,
  shellUrl: string,
  token: string,
): Promise<{ answer: { status: number; body: unknown }; cookie: { value: string; httpOnly: boolean } | undefined }> {
  const page = await context.newPage();
  try {
    await page.goto(`${shellUrl}/sign-in`);
    const answer = await page.evaluate(async (pat) => {
      const res = await fetch('/api/auth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: pat }),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    }, token);
    const cookie = (await context.cookies()).find((c) => c.name === 'figurl_session');
    return { answer, cookie };
  } finally {
    await page.close();
  }
}
