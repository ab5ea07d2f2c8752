import type { getOctokit } from '@actions/github';

/** The Octokit `@actions/github` makes (`getOctokit(token)`): REST methods, `request`, `paginate`. */
export type GitHubClient = ReturnType<typeof getOctokit>;
