export { commitSnapshot } from './commit-snapshot.js';
export type { GitHubClient } from './github-client.js';
export { installationOctokitFor } from './installation-octokit-for.js';
export { parseSnapshotEnv, type SnapshotSettings } from './parse-snapshot-env.js';
export { publishSnapshot } from './publish-snapshot.js';
export { runSnapshotPass, type SnapshotPassResult } from './run-snapshot-pass.js';
export { snapshotCuration } from './snapshot-curation.js';
export { createSnapshotStateFile, type SnapshotStateStore } from './snapshot-state-file.js';
export { type SnapshotWorker, startSnapshotWorker } from './start-snapshot-worker.js';
