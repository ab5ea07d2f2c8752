/**
 * The part of an Octokit the snapshot worker uses: `request(route, params)`. Probot's
 * installation client and `new Octokit({ auth })` from @octokit/rest both fit, whichever
 * @octokit/core version they carry. Non-2xx answers throw an error with `status` (RequestError).
 */
export interface GitHubClient {
  // biome-ignore lint/suspicious/noExplicitAny: Octokit answers are typed per route; callers parse what they read.
  request(route: string, params?: Record<string, unknown>): Promise<{ status: number; data: any }>;
}

/** The HTTP status of a failed Octokit request, or undefined for a network error. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** GitHub's own message of a failed request (`response.data.message`), else the error's. */
export function messageOf(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } } | null)?.response?.data;
  if (typeof data?.message === 'string') return data.message;
  return error instanceof Error ? error.message : String(error);
}
