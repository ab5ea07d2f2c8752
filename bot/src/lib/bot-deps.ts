import type { FigureClient } from '@figurl/sdk';
import type { ProbotOctokit } from 'probot';
import type { KeyedLock } from './keyed-lock.js';

/** An installation-authenticated Octokit as Probot hands it to handlers. */
export type Octokit = InstanceType<typeof ProbotOctokit>;

/** `{ owner, repo }`, as Octokit's methods take it. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** What the handlers need besides the event: the zone, the shell, the app's identity. */
export interface BotDeps {
  /** The zone's figures registry, with a token that may list the repositories' figures. */
  figures: FigureClient;
  /** The shell figURLs point at, e.g. `https://figurl.org`. */
  shellUrl: string;
  /** The zone's public URL for thumbnails; null: no thumbnails. */
  zoneUrl: string | null;
  /** The app's login, `<slug>[bot]`: only its own comments are sticky candidates. */
  getBotLogin(): Promise<string>;
  /** Serializes the work on one pull request (and one commit's check run). */
  withLock: KeyedLock;
}
