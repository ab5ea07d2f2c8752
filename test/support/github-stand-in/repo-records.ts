import type { StandInGitHubApp } from './github-apps.js';
import type { StandInRepo, StandInUser } from './state.js';

/** An issue or a pull request: they share one number sequence per repository, as on GitHub. */
export interface StandInIssue {
  id: number;
  number: number;
  repo: StandInRepo;
  title: string;
  body: string | null;
  user: StandInUser;
  state: 'open' | 'closed';
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Present for a pull request: the head branch (possibly in a fork) and the base branch. */
  pull: { headRepo: StandInRepo; headRef: string; baseRef: string; draft: boolean } | null;
}

export interface StandInComment {
  id: number;
  repo: StandInRepo;
  issueNumber: number;
  body: string;
  user: StandInUser;
  /** The app whose installation token wrote it (`performed_via_github_app`). */
  app: StandInGitHubApp | null;
  createdAt: string;
  updatedAt: string;
}

export interface StandInCheckRun {
  id: number;
  repo: StandInRepo;
  app: StandInGitHubApp;
  name: string;
  headSha: string;
  externalId: string;
  detailsUrl: string | null;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  output: {
    title: string | null;
    summary: string | null;
    text: string | null;
    annotationsCount: number;
    images: ReadonlyArray<{ alt: string; image_url: string; caption?: string }>;
  };
  actions: readonly unknown[];
  checkSuiteId: number;
}

export interface BranchProtection {
  requirePullRequest: boolean;
  /** When false, repository admins may still push directly (GitHub's "Do not allow bypassing"). */
  enforceAdmins: boolean;
}

export type RepoRecords = ReturnType<typeof createRepoRecords>;

/**
 * Issues, pull requests, issue comments, check runs and branch protection, keyed by repository.
 * Ids come from `nextId` so they never collide with users or repositories.
 *
 * @example
 * const records = createRepoRecords({ nextId: state.nextId });
 * records.nextNumber(repo); // 1
 */
export function createRepoRecords(options: { nextId: () => number }) {
  const issues = new Map<number, Map<number, StandInIssue>>();
  const comments = new Map<number, StandInComment>();
  const checkRuns = new Map<number, StandInCheckRun>();
  const checkSuites = new Map<string, number>();
  const protections = new Map<string, BranchProtection>();

  function issuesOf(repo: StandInRepo): Map<number, StandInIssue> {
    let map = issues.get(repo.id);
    if (map === undefined) {
      map = new Map();
      issues.set(repo.id, map);
    }
    return map;
  }

  return {
    nextId: options.nextId,
    comments,
    checkRuns,
    issuesOf,
    nextNumber: (repo: StandInRepo) => issuesOf(repo).size + 1,
    addIssue(issue: StandInIssue): StandInIssue {
      issuesOf(issue.repo).set(issue.number, issue);
      return issue;
    },
    findIssue: (repo: StandInRepo, number: number) => issuesOf(repo).get(number) ?? null,
    /** One check suite per (app, head sha), as GitHub creates it on the first check run. */
    checkSuiteId(app: StandInGitHubApp, repo: StandInRepo, headSha: string): number {
      const key = `${app.id}:${repo.id}:${headSha}`;
      let id = checkSuites.get(key);
      if (id === undefined) {
        id = options.nextId();
        checkSuites.set(key, id);
      }
      return id;
    },
    findProtection: (repo: StandInRepo, branch: string) => protections.get(`${repo.id}:${branch}`) ?? null,
    setProtection(repo: StandInRepo, branch: string, protection: BranchProtection | null): void {
      if (protection === null) protections.delete(`${repo.id}:${branch}`);
      else protections.set(`${repo.id}:${branch}`, protection);
    },
  };
}
