import { defineConfig } from 'vitest/config';

// `npm run bench`: each file compares implementations against a baseline in the same run, so
// the printed ratios hold on a noisy machine where absolute times drift.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    benchmark: { include: ['**/*.bench.ts'] },
  },
});
