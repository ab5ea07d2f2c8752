import { describe, expect, test } from 'vitest';
import { parseSnapshotEnv } from '../../../bot/src/snapshots/parse-snapshot-env.js';

describe('snapshot settings', () => {
  test('off unless a state file is named; on, they need a zone token and name a bad interval', () => {
    expect(parseSnapshotEnv({ FIGURL_ZONE_TOKEN: 't' })).toBeNull();
    expect(parseSnapshotEnv({ FIGURL_SNAPSHOT_STATE_FILE: '/tmp/s.json', FIGURL_ZONE_TOKEN: 't' })).toEqual({
      stateFile: '/tmp/s.json',
      intervalMs: 30_000,
    });
    expect(() => parseSnapshotEnv({ FIGURL_SNAPSHOT_STATE_FILE: '/tmp/s.json' })).toThrow(/FIGURL_ZONE_TOKEN/);
    expect(() =>
      parseSnapshotEnv({
        FIGURL_SNAPSHOT_STATE_FILE: '/tmp/s.json',
        FIGURL_ZONE_TOKEN: 't',
        FIGURL_SNAPSHOT_INTERVAL: 'soon',
      }),
    ).toThrow(/FIGURL_SNAPSHOT_INTERVAL/);
  });
});
